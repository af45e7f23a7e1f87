package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;

/**
 * Methods built from the gradient of the score with respect to the input pixels (saliency,
 * gradient x input, guided backpropagation, deconvnet): one backward pass to the image, with the
 * method's ReLU rule, then a per-pixel transform.
 */
abstract class InputGradientMethod implements GradientMethod {
  /** The ReLU backward rule, given the options. */
  abstract BackwardVariant variant(MethodOptions options);

  /** The attribution of one image from its gradient and its input values. */
  abstract float[] attribute(float[] gradient, float[] input, MethodOptions options);

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public GradientRequest request(MethodContext ctx) {
    return ctx.gradients().wrt(ctx.imageInput()).variant(variant(ctx.options())).build();
  }

  @Override
  public List<Explanation> extract(MethodContext ctx, GradientRun run) {
    FloatTensor gradients = run.gradients().get(ctx.imageInput());
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      FloatTensor g = gradients.item(i);
      float[] attribution = attribute(g.data(), ctx.batch().item(i).data(), ctx.options());
      out.add(ctx.explanation(name(), i, run.scores().item(i).data(), run.predictions().item(i).data(), null,
          new Explanation.PixelAttribution(new FloatTensor(g.shape(), attribution))));
    }
    return out;
  }

  /** The guided/deconvnet variant, honouring {@link MethodOptions#reluOnly()}. */
  static BackwardVariant variant(BackwardVariant.Mode mode, MethodOptions options) {
    return new BackwardVariant(mode, !options.reluOnly());
  }
}
