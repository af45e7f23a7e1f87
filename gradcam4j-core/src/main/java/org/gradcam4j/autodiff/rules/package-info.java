/**
 * One backward rule per ONNX op type ({@code XxxRule}), and the contract they implement:
 * {@link org.gradcam4j.autodiff.rules.BackwardRule}, the {@link org.gradcam4j.autodiff.rules.BackwardContext}
 * a rule reads the node through and emits its nodes with, the ReLU-family
 * {@link org.gradcam4j.autodiff.rules.BackwardVariant}s and {@link org.gradcam4j.autodiff.rules.UnsupportedBackwardException}.
 * Each rule is checked against finite differences in the tests.
 *
 * <p>Floor "autodiff": may use {@code onnx} and the base packages, never {@code org.gradcam4j.autodiff}
 * itself (which uses this package).
 */
package org.gradcam4j.autodiff.rules;
