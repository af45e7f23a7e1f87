/**
 * The library's front door: {@link org.gradcam4j.Explainer} loads an ONNX model once and explains
 * batches of images with any method, and {@link org.gradcam4j.ImageExplanation} is the fluent request
 * behind {@code explainFiles} and {@code explainImages} (methods, layer, target, pre-processing).
 *
 * <p>Floor "facade" (see LayeringTest): may use every other package of gradcam4j-core; no package of
 * gradcam4j-core may use it.
 */
package org.gradcam4j;
