package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * Pad (constant mode): the gradient is the output gradient with the padding cut off, which is a
 * Pad by the negated amounts (ONNX Pad removes elements for negative pads).
 */
public final class PadRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    String mode = ctx.attrString("mode", "constant");
    if (!mode.equals("constant")) {
      throw ctx.unsupported("only constant padding is supported, not mode '" + mode + "'");
    }
    GraphBuilder b = ctx.emit();
    String pads = ctx.constant(ctx.input(1))
        .map(t -> {
          long[] p = org.gradcam4j.onnx.Tensors.toLongs(t);
          long[] neg = new long[p.length];
          for (int i = 0; i < p.length; i++) {
            neg[i] = -p[i];
          }
          return b.constInts(neg);
        })
        .orElseGet(() -> b.neg(ctx.input(1)));
    // The axes input exists from opset 18 on; before it Pad takes at most three inputs.
    GraphBuilder.NodeSpec pad = b.node("Pad").inputs(ctx.gradOutput(0), pads);
    if (ctx.hasInput(3)) {
      pad.inputs("", ctx.input(3));
    }
    ctx.addGradient(0, pad.output());
  }
}
