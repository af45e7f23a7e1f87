package org.gradcam4j.autodiff.rules;

import org.gradcam4j.autodiff.BackwardContext;
import org.gradcam4j.autodiff.BackwardRule;
import org.gradcam4j.onnx.GraphBuilder;

/**
 * Clip: the gradient passes where {@code min < x < max}. The mask is read from the output, which
 * equals the input exactly where it is strictly inside the bounds.
 *
 * <p>A Clip with lower bound 0 (ReLU6) is ReLU-like: with a guided or deconvnet
 * {@link org.gradcam4j.autodiff.BackwardVariant} that includes Clip, its lower bound follows the
 * variant (as if it were a Relu followed by min(., max)) while the upper saturation keeps its mask.
 */
public final class ClipRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    String min = ctx.hasInput(1) ? ctx.input(1) : null;
    String max = ctx.hasInput(2) ? ctx.input(2) : null;
    String zero = b.constScalar(0f);
    String above = min == null ? null : b.greater(y, min);
    String below = max == null ? null : b.less(y, max);

    boolean reluLike = !ctx.variant().isStandard() && ctx.variant().includeClip() && min != null
        && ctx.constant(min).map(t -> org.gradcam4j.onnx.Tensors.toFloats(t)[0] == 0f).orElse(false);
    if (reluLike) {
      String rectified = b.relu(g);
      String mask = switch (ctx.variant().mode()) {
        case GUIDED -> below == null ? above : b.and(above, below);
        default -> below; // deconvnet ignores the ReLU part of the forward mask
      };
      ctx.addGradient(0, mask == null ? rectified : b.where(mask, rectified, zero));
      return;
    }
    String mask = above == null ? below : below == null ? above : b.and(above, below);
    ctx.addGradient(0, mask == null ? g : b.where(mask, g, zero));
  }
}
