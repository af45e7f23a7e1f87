/**
 * The gradient compiler: {@link org.gradcam4j.autodiff.GradientCompiler} appends the reverse-mode
 * derivative of an ONNX graph as ordinary ONNX nodes, so forward and backward run in one
 * {@code session.run}. {@link org.gradcam4j.autodiff.RuleRegistry} maps each op type to its backward rule
 * (one line per rule); a {@link org.gradcam4j.autodiff.GraphExtension} adds computations such as a CAM.
 *
 * <p>Floor "autodiff": may use {@code autodiff.rules}, {@code onnx} and the base packages.
 */
package org.gradcam4j.autodiff;
