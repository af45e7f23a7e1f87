/**
 * The ONNX protobuf messages, generated at build time from the project's own minimal schema
 * ({@code src/main/protobuf/onnx_minimal.proto}, field numbers from the ONNX specification); fields
 * the schema leaves out survive a load/save round trip. Only this package-info is written by hand.
 *
 * <p>Floor "onnx": generated code, using nothing else in gradcam4j.
 */
package org.gradcam4j.onnx.proto;
