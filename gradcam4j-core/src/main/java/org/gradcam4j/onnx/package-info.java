/**
 * ONNX models as data: {@link org.gradcam4j.onnx.OnnxModel} (load, save, external data),
 * {@link org.gradcam4j.onnx.GraphView} (who produces and consumes each tensor),
 * {@link org.gradcam4j.onnx.GraphBuilder} (appending nodes), shapes ({@link org.gradcam4j.onnx.ShapeTable},
 * {@link org.gradcam4j.onnx.TensorShape}) and the opset upgrade to 16 ({@link org.gradcam4j.onnx.OpsetUpgrader}).
 *
 * <p>Floor "onnx": may use only the base packages ({@code error}, {@code io}, {@code math}).
 */
package org.gradcam4j.onnx;
