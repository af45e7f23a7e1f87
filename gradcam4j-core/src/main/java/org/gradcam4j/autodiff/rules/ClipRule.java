package org.gradcam4j.autodiff.rules;

import java.util.Optional;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.Tensors;

/**
 * Clip: the gradient passes where {@code min < x < max}. The mask is read from the output, which
 * equals the input exactly where it is strictly inside the bounds.
 *
 * <p>A Clip with lower bound 0 (ReLU6) is ReLU-like: with a guided or deconvnet
 * {@link org.gradcam4j.autodiff.rules.BackwardVariant} that includes Clip, its lower bound follows the
 * variant (as if it were a Relu followed by min(., max)) while the upper saturation keeps its mask.
 */
public final class ClipRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    String min = ctx.hasInput(1) ? ctx.input(1) : null;
    String max = ctx.hasInput(2) ? ctx.input(2) : null;
    Optional<Float> lo = bound(ctx, min, Float.NEGATIVE_INFINITY);
    Optional<Float> hi = bound(ctx, max, Float.POSITIVE_INFINITY);
    if (lo.isEmpty() || hi.isEmpty()) {
      backwardWithTensorBounds(ctx, min, max);
      return;
    }
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    boolean reluLike = ctx.variant().rectifies() && ctx.variant().includeClip() && lo.get() == 0f;
    if (reluLike) {
      String rectified = b.relu(g);
      float below = ctx.variant().mode() == BackwardVariant.Mode.GUIDED
          ? 0f
          : Float.NEGATIVE_INFINITY; // deconvnet ignores the ReLU part of the forward mask
      boolean masked = below == 0f || hi.get() < Float.POSITIVE_INFINITY;
      ctx.addGradient(0, masked ? b.mul(rectified, PassMask.between(ctx, y, below, hi.get())) : rectified);
      return;
    }
    boolean bounded = lo.get() > Float.NEGATIVE_INFINITY || hi.get() < Float.POSITIVE_INFINITY;
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, bounded ? b.mul(g, PassMask.between(ctx, y, lo.get(), hi.get())) : g));
  }

  /** The bound's constant value, {@code absent} when there is no bound; empty when it is computed. */
  private static Optional<Float> bound(BackwardContext ctx, String input, float absent) {
    if (input == null) {
      return Optional.of(absent);
    }
    return ctx.constant(input).map(t -> Tensors.toFloats(t)[0]);
  }

  /** Bounds computed by the graph: the mask compares with the bound tensors. */
  private static void backwardWithTensorBounds(BackwardContext ctx, String min, String max) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    String above = min == null ? null : b.greater(y, min);
    String below = max == null ? null : b.less(y, max);
    String mask = above == null ? below : below == null ? above : b.and(above, below);
    ctx.addGradient(0, b.keepWhere(mask, g));
  }
}
