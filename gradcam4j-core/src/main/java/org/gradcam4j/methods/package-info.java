/**
 * The explanation methods, one class each, registered by name in {@link org.gradcam4j.methods.Methods}
 * (one line per method). A method implements {@link org.gradcam4j.methods.ExplanationMethod} and gets
 * the model and the batch through its {@link org.gradcam4j.methods.MethodContext}; gradient methods
 * share one compiled run. Also the {@link org.gradcam4j.methods.Explanation} they return and the
 * standalone ONNX explainer that {@code compile} writes ({@link org.gradcam4j.methods.ExportedExplainer}).
 *
 * <p>Floor "methods": may use {@code image}, {@code runtime}, {@code targets}, {@code autodiff},
 * {@code onnx} and the base packages.
 */
package org.gradcam4j.methods;
