package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.runtime.GradientRun;

/**
 * Gradient-weighted attention rollout, the generic form of Chefer, Gur and Wolf 2021 ("Generic
 * Attention-model Explainability for Interpreting Bi-Modal and Encoder-Decoder Transformers"): each
 * block's attention A is weighted by the gradient of the target's score, {@code mean over heads of
 * relu(dA * A)}, and the relevance {@code R = I} is updated block by block as {@code R += Abar R};
 * the map is the class token's row of R over the patch tokens. One forward and one backward pass to
 * the first attention block, shared with the other gradient methods.
 */
public final class GradientAttentionRollout implements GradientMethod {
  @Override
  public String name() {
    return "grad-attention-rollout";
  }

  @Override
  public Kind kind() {
    return Kind.LAYER;
  }

  /** Vision transformers only: named explicitly, not part of {@code all}. */
  @Override
  public boolean includedInAll() {
    return false;
  }

  @Override
  public GradientRequest request(MethodContext ctx) {
    return ctx.gradients().wrt(AttentionBlocks.find(ctx, name()).tensors()).exposeActivations(true).build();
  }

  @Override
  public List<Explanation> extract(MethodContext ctx, GradientRun run) {
    AttentionBlocks blocks = AttentionBlocks.find(ctx, name());
    int n = ctx.size();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<double[]> matrices = new ArrayList<>();
      for (String t : blocks.tensors()) {
        float[][] a = blocks.heads(run.activations().get(t), n, i);
        float[][] g = blocks.heads(run.gradients().get(t), n, i);
        double[] m = new double[blocks.tokens() * blocks.tokens()];
        for (int h = 0; h < a.length; h++) {
          for (int k = 0; k < m.length; k++) {
            m[k] += Math.max(0, (double) a[h][k] * g[h][k]) / a.length;
          }
        }
        matrices.add(m);
      }
      out.add(ctx.explanation(name(), i, run.scores().item(i).data(), run.predictions().item(i).data(),
          String.join(",", blocks.tensors()), new Explanation.LayerMap(blocks.map(matrices, false))));
    }
    return out;
  }
}
