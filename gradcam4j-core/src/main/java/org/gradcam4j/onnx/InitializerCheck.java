package org.gradcam4j.onnx;

import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * Checks that every weight stored in the model holds as many values as its dimensions declare.
 * ONNX Runtime trusts the declared dimensions and, for a Conv weight that holds fewer values, stops
 * the whole process with a failed assertion (found by fuzzing); a clear refusal here names the
 * weight instead. Weights stored outside the model file are checked when they are read.
 */
final class InitializerCheck {
  private InitializerCheck() {}

  static void check(GraphProto graph) {
    for (TensorProto t : graph.getInitializerList()) {
      if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
        continue;
      }
      long declared = 1;
      for (long d : t.getDimsList()) {
        if (d < 0) {
          throw new ModelFormatException("The model is malformed: weight '" + t.getName() + "' has a negative"
              + " dimension " + t.getDimsList());
        }
        try {
          declared = Math.multiplyExact(declared, d);
        } catch (ArithmeticException e) {
          throw new ModelFormatException("The model is malformed: weight '" + t.getName() + "' declares more"
              + " values than can be counted " + t.getDimsList(), e);
        }
      }
      long held = valuesHeld(t);
      if (held >= 0 && held != declared) {
        throw new ModelFormatException("The model is malformed: weight '" + t.getName() + "' declares "
            + declared + " values " + t.getDimsList() + " but holds " + held);
      }
    }
  }

  /** Number of values in the tensor's data, or -1 when the type's storage is not checked here. */
  private static long valuesHeld(TensorProto t) {
    DataType type = DataType.of(t.getDataType());
    if (t.hasRawData()) {
      int size = type.byteSize();
      return size > 0 ? t.getRawData().size() / size : -1;
    }
    return switch (type) {
      case FLOAT -> t.getFloatDataCount();
      case DOUBLE -> t.getDoubleDataCount();
      case INT64 -> t.getInt64DataCount();
      case UINT32, UINT64 -> t.getUint64DataCount();
      case INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16 -> t.getInt32DataCount();
      case STRING -> t.getStringDataCount();
      default -> -1;
    };
  }
}
