/**
 * What gradcam4j knows about a model beyond its ONNX file: the {@link org.gradcam4j.model.ModelCard}
 * JSON next to it (pre-processing as a {@link org.gradcam4j.model.PreprocessingSpec}, labels, layer,
 * score tensor), {@link org.gradcam4j.model.ClassLabels} files, and a
 * {@link org.gradcam4j.model.ResolvedModel} as the command line found it.
 *
 * <p>Floor "model": may use {@code image}, {@code runtime}, {@code onnx} and the base packages.
 */
package org.gradcam4j.model;
