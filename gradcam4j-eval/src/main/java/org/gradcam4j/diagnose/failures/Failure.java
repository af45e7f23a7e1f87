package org.gradcam4j.diagnose.failures;

import org.gradcam4j.render.ExplainedImage;

/**
 * A misclassified image with its explanations: Grad-CAM and Guided Grad-CAM for the predicted and for
 * the true class, under the keys of {@link FailureFinder#COLUMNS}.
 */
public record Failure(Prediction prediction, ExplainedImage explained) {}
