/**
 * Explanations made visible: {@link org.gradcam4j.render.ExplainedImage} (an image with its
 * explanations), heat-map overlays and pixel attributions ({@link org.gradcam4j.render.ExplanationRenderer},
 * {@link org.gradcam4j.render.RenderOptions}), and images x methods as a montage or a self-contained HTML
 * report ({@link org.gradcam4j.render.Gallery}, {@link org.gradcam4j.render.HtmlReport}).
 *
 * <p>Floor "render": may use {@code methods}, {@code image}, {@code runtime}, {@code targets},
 * {@code onnx} and the base packages.
 */
package org.gradcam4j.render;
