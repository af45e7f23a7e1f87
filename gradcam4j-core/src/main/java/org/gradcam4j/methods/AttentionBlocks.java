package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.AttentionLayers;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TokenGrid;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The global attention of a vision transformer as the rollout methods use it: the attention
 * probabilities of every block (found in the graph, see {@link AttentionLayers}) over the T tokens
 * of the patch grid plus the class token(s), and the rollout through them.
 *
 * @param tensors the attention probabilities, first block first
 * @param tokens T, the number of tokens
 * @param layout where the patch tokens sit among them
 */
record AttentionBlocks(List<String> tensors, int tokens, TokenGrid.Layout layout) {

  /** The attention blocks of the context's model; fails, naming what it looked for, where there are none. */
  static AttentionBlocks find(MethodContext ctx, String method) {
    ShapeTable shapes = ctx.shapes();
    var graph = ctx.model().graph();
    TokenGrid grid = TokenGrid.of(graph, shapes).orElseThrow(() -> new GradCamException(method
        + " explains vision transformers: the model has no patch embedding (a convolution whose kernel equals"
        + " its stride)"));
    List<String> tensors = new ArrayList<>();
    int tokens = -1;
    TokenGrid.Layout layout = null;
    for (String t : AttentionLayers.probabilities(graph, shapes, ctx.scoreTensor())) {
      long[] s = shapes.shape(t).dims();
      int keys = (int) s[s.length - 1];
      TokenGrid.Layout l = tokenLayout(grid, keys);
      if (l != null && (tokens < 0 || tokens == keys)) {
        tensors.add(t);
        tokens = keys;
        layout = l;
      }
    }
    if (tensors.isEmpty()) {
      throw new GradCamException(method + " needs attention over all patch tokens of the " + grid.height() + "x"
          + grid.width() + " grid (ViT, DeiT); this model has none (Swin's attention within windows does not"
          + " qualify): use a class activation map such as gradcam instead");
    }
    return new AttentionBlocks(tensors, tokens, layout);
  }

  /** Global attention over the full grid: T = h * w plus up to two class tokens. */
  private static TokenGrid.Layout tokenLayout(TokenGrid grid, int keys) {
    long extra = keys - grid.height() * grid.width();
    return extra >= 0 && extra <= 2 ? new TokenGrid.Layout((int) extra, grid.height(), grid.width(), false) : null;
  }

  /**
   * Image {@code i}'s attention of one block as [heads][T * T], whatever way the export lays out the
   * heads ([N, heads, T, T], or [N * heads, T, T] as PyTorch's MultiheadAttention writes it).
   */
  float[][] heads(FloatTensor blockTensor, int images, int i) {
    int perImage = blockTensor.data().length / images;
    int square = tokens * tokens;
    int heads = perImage / square;
    float[][] out = new float[heads][];
    for (int h = 0; h < heads; h++) {
      int from = i * perImage + h * square;
      out[h] = java.util.Arrays.copyOfRange(blockTensor.data(), from, from + square);
    }
    return out;
  }

  /**
   * The rollout's map [h, w]: the class token's row of the product of the per-block matrices, over
   * the patch tokens; without a class token, the mean of all rows.
   *
   * @param blocks one matrix [T * T] per block, first block first
   */
  FloatTensor map(List<double[]> blocks, boolean chain) {
    int t = tokens;
    double[] result = identity(t);
    for (double[] m : blocks) {
      double[] product = multiply(m, result, t);
      if (chain) {
        result = product;
      } else {
        for (int k = 0; k < product.length; k++) {
          result[k] += product[k];
        }
      }
    }
    int extra = layout.extraTokens();
    float[] map = new float[t - extra];
    for (int p = 0; p < map.length; p++) {
      double v = 0;
      if (extra > 0) {
        v = result[p + extra];
      } else {
        for (int row = 0; row < t; row++) {
          v += result[row * t + p] / t;
        }
      }
      map[p] = (float) v;
    }
    return new FloatTensor(new long[] {layout.height(), layout.width()}, map);
  }

  static double[] identity(int t) {
    double[] m = new double[t * t];
    for (int k = 0; k < t; k++) {
      m[k * t + k] = 1;
    }
    return m;
  }

  private static double[] multiply(double[] a, double[] b, int t) {
    double[] c = new double[t * t];
    for (int r = 0; r < t; r++) {
      for (int k = 0; k < t; k++) {
        double x = a[r * t + k];
        if (x == 0) {
          continue;
        }
        for (int col = 0; col < t; col++) {
          c[r * t + col] += x * b[k * t + col];
        }
      }
    }
    return c;
  }
}
