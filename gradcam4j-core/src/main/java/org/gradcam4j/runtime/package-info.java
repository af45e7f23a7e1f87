/**
 * ONNX Runtime: {@link org.gradcam4j.runtime.OnnxSession} (a thread-safe session fed with
 * {@link org.gradcam4j.runtime.FloatTensor}s), the process-wide environment ({@link org.gradcam4j.runtime.Ort}),
 * the {@link org.gradcam4j.runtime.ShapeProbe} that learns every tensor's shape, and the
 * {@link org.gradcam4j.runtime.SessionCache} of compiled sessions.
 *
 * <p>Floor "runtime": may use {@code targets}, {@code autodiff}, {@code onnx} and the base packages.
 */
package org.gradcam4j.runtime;
