package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Attention rollout (Abnar and Zuidema 2020, "Quantifying Attention Flow in Transformers"): each
 * block's attention averaged over its heads, the identity added for the residual connection, rows
 * renormalised to sum to 1, and the blocks multiplied, first block rightmost; the map is the class
 * token's row over the patch tokens. It uses no gradient and not the target: one forward pass, the
 * same map for every class.
 */
public final class AttentionRollout implements ExplanationMethod {
  @Override
  public String name() {
    return "attention-rollout";
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
  public List<Explanation> explain(MethodContext ctx) {
    AttentionBlocks blocks = AttentionBlocks.find(ctx, name());
    List<String> tensors = new ArrayList<>(blocks.tensors());
    tensors.add(ctx.scoreTensor());
    if (!tensors.contains(ctx.predictionTensor())) {
      tensors.add(ctx.predictionTensor());
    }
    Map<String, FloatTensor> out = ctx.forward(tensors);
    int n = ctx.size();
    List<Explanation> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<double[]> matrices = new ArrayList<>();
      for (String t : blocks.tensors()) {
        matrices.add(withResidual(blocks.heads(out.get(t), n, i), blocks.tokens()));
      }
      float[] scores = out.get(ctx.scoreTensor()).data();
      float[] predictions = out.get(ctx.predictionTensor()).data();
      int k = scores.length / n;
      int p = predictions.length / n;
      result.add(ctx.explanation(name(), i, java.util.Arrays.copyOfRange(scores, i * k, (i + 1) * k),
          java.util.Arrays.copyOfRange(predictions, i * p, (i + 1) * p), String.join(",", blocks.tensors()),
          new Explanation.LayerMap(blocks.map(matrices, true))));
    }
    return result;
  }

  /** (mean over heads + identity), each row divided by its sum. */
  private static double[] withResidual(float[][] heads, int t) {
    double[] m = AttentionBlocks.identity(t);
    for (float[] head : heads) {
      for (int k = 0; k < m.length; k++) {
        m[k] += head[k] / (double) heads.length;
      }
    }
    for (int r = 0; r < t; r++) {
      double sum = 0;
      for (int c = 0; c < t; c++) {
        sum += m[r * t + c];
      }
      for (int c = 0; c < t; c++) {
        m[r * t + c] /= sum;
      }
    }
    return m;
  }
}
