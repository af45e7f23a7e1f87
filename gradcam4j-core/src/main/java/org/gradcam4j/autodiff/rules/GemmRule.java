package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Gemm {@code Y = alpha * op(A) op(B) + beta * C}. The gradients of A and B are Gemms themselves,
 * with the transpose flags arranged so no explicit Transpose is needed; C's is the output gradient
 * summed to C's broadcast shape.
 */
public final class GemmRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String a = ctx.input(0);
    String w = ctx.input(1);
    String g = ctx.gradOutput(0);
    float alpha = ctx.attrFloat("alpha", 1f);
    float beta = ctx.attrFloat("beta", 1f);
    long transA = ctx.attrInt("transA", 0);
    long transB = ctx.attrInt("transB", 0);
    if (ctx.needsGradient(0)) {
      String grad = transA == 0
          ? gemm(b, g, w, 0, 1 - transB, alpha)
          : gemm(b, w, g, transB, 1, alpha);
      ctx.addGradient(0, grad);
    }
    if (ctx.needsGradient(1)) {
      String grad = transB == 0
          ? gemm(b, a, g, 1 - transA, 0, alpha)
          : gemm(b, g, a, 1, transA, alpha);
      ctx.addGradient(1, grad);
    }
    if (ctx.needsGradient(2)) {
      String scaled = beta == 1f ? g : b.mul(g, b.constScalar(beta));
      ctx.addGradient(2, ctx.unbroadcast(scaled, ctx.shape(ctx.output(0)), ctx.input(2)));
    }
  }

  private static String gemm(GraphBuilder b, String x, String y, long transX, long transY, float alpha) {
    GraphBuilder.NodeSpec n = b.node("Gemm").inputs(x, y).attr("transA", transX).attr("transB", transY);
    if (alpha != 1f) {
      n.attr("alpha", alpha);
    }
    return n.output();
  }
}
