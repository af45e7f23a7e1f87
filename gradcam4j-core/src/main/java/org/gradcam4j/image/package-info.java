/**
 * Pictures in and out: decoding PNG and JPEG ({@link org.gradcam4j.image.ImageDecoder}, Pillow-exact
 * resizing), pre-processing into the model's input ({@link org.gradcam4j.image.Preprocessing}), map
 * operations, colormaps, overlays, montages and PNG writing.
 *
 * <p>Floor "image": may use {@code runtime}, {@code onnx} and the base packages.
 */
package org.gradcam4j.image;
