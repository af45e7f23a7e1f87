/**
 * Feature visualisation by gradient ascent: images that a class, a channel, a neuron or a whole layer
 * (DeepDream) responds to most. {@link org.gradcam4j.inspect.visualize.FeatureVisualizer} runs the
 * {@code Ascent}: each step one forward and backward run to the input
 * through the compiled graph, then an update of the image's parameterisation, either pixels
 * ({@code PixelParameterization}, Simonyan et al. 2013) or a Fourier
 * spectrum in decorrelated colour seen through random views
 * ({@code FourierParameterization}, as in Lucid), optimised with Adam.
 *
 * <p>Floor "inspect" (gradcam4j-inspect): may use gradcam4j-core; never {@code eval}, {@code zoo},
 * {@code server} or {@code cli}.
 */
package org.gradcam4j.inspect.visualize;
