package org.gradcam4j.testing;

import java.util.Random;
import java.util.function.BiFunction;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;

/** Small ONNX models built in Java for tests. */
public final class Models {
  private Models() {}

  /**
   * A model with input "x" of the given shape (first dimension symbolic "N") whose body is built by
   * {@code body(builder, x)}, returning the output tensor, which becomes output "y".
   */
  public static ModelProto single(long opset, long[] inputShape, BiFunction<GraphBuilder, String, String> body) {
    GraphBuilder b = new GraphBuilder("test", opset);
    Object[] dims = new Object[inputShape.length];
    dims[0] = "N";
    for (int i = 1; i < dims.length; i++) {
      dims[i] = inputShape[i];
    }
    String x = b.input("x", DataType.FLOAT, dims);
    String y = body.apply(b, x);
    b.identityNamed(y, "y");
    b.output("y", DataType.FLOAT);
    return b.buildModel();
  }

  public static ModelProto single(long[] inputShape, BiFunction<GraphBuilder, String, String> body) {
    return single(17, inputShape, body);
  }

  /** Random Gaussian weights scaled by {@code scale}, as an initializer. */
  public static String weights(GraphBuilder b, String name, long seed, float scale, long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    float[] v = new float[Math.toIntExact(n)];
    Random r = new Random(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian() * scale;
    }
    return b.initializer(name, dims, v);
  }
}
