/**
 * A layer's channels: for one image ranked by mean activation
 * ({@link org.gradcam4j.inspect.activations.ChannelActivations}), and NetDissect's view of chosen channels
 * over a folder, thresholded at their top quantile ({@link org.gradcam4j.inspect.activations.Dissection}).
 */
package org.gradcam4j.inspect.activations;
