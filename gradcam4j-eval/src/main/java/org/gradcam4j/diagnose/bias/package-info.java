/**
 * The dataset-bias study of the Grad-CAM paper (section 6.3, the doctor/nurse classifier) on the
 * synthetic benchmark: {@link org.gradcam4j.diagnose.bias.BiasedShapes} adds a spurious cue, a small
 * coloured mark in a corner, that goes with the class in most training images;
 * {@link org.gradcam4j.diagnose.bias.BiasStudy} trains the demo network on a biased and on a balanced
 * version and measures accuracy on cue-free and cue-swapped test images and where the Grad-CAM mass
 * lies, on the cue or on the object.
 *
 * <p>Floor: eval (it uses {@code data}, {@code train} and {@code eval} beside it, and the core floors
 * below).
 */
package org.gradcam4j.diagnose.bias;
