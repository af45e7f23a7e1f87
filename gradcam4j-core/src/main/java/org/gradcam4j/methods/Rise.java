package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * RISE (Petsiuk, Das and Saenko 2018, "RISE: Randomized Input Sampling for Explanation of Black-box
 * Models"): the image is multiplied by {@link MethodOptions#riseMasks()} random soft masks (see
 * {@link RiseMasks}: a {@link MethodOptions#riseCells()}-cell grid, cells kept with probability
 * {@link MethodOptions#riseProbability()}), each masked image is scored for the target, and the
 * saliency is {@code sum_i score_i * mask_i / (N * p)}. Masks come from {@link MethodOptions#seed()},
 * and every image of a batch sees the same masks. Masked images are scored in batches of
 * {@link MethodOptions#batchSize()}; a top-1 target is pinned to the class of the unmasked image.
 *
 * <p>The score is the explained tensor (the logits by default); the paper scores class probabilities,
 * which choosing the model's softmax output as the score tensor reproduces.
 */
public final class Rise implements ExplanationMethod {
  @Override
  public String name() {
    return "rise";
  }

  @Override
  public Kind kind() {
    return Kind.INPUT;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    MethodOptions o = ctx.options();
    int masks = o.riseMasks();
    float p = o.riseProbability();
    if (masks < 1 || o.riseCells() < 1 || !(p > 0 && p <= 1)) {
      throw new GradCamException("RISE needs at least 1 mask and 1 cell and a keep probability in (0, 1], got "
          + masks + " masks, " + o.riseCells() + " cells, probability " + p);
    }
    int colours = (int) ctx.batch().dim(1);
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    if (o.riseCells() > Math.min(height, width)) {
      throw new GradCamException("RISE's grid (" + o.riseCells() + " cells) is finer than the image ("
          + width + "x" + height + ")");
    }
    int plane = height * width;
    int n = ctx.size();
    FloatTensor original = ctx.originalScores();
    float[][] seeds = new float[n][];
    for (int i = 0; i < n; i++) {
      seeds[i] = ctx.seedVector(i, original.item(i).data());
    }
    double[][] saliency = new double[n][plane];
    RiseMasks generator = new RiseMasks(height, width, o.riseCells(), p, o.seed());
    int chunk = ctx.runBatchSize();
    // Masks and masked copies are built on a background thread while the previous batch is scored.
    try (Prefetcher<MaskedBatch> batches = new Prefetcher<>(sink -> {
      for (int start = 0; start < masks; start += chunk) {
        int count = Math.min(chunk, masks - start);
        float[][] batchMasks = new float[count][];
        for (int j = 0; j < count; j++) {
          batchMasks[j] = generator.next();
        }
        for (int i = 0; i < n; i++) {
          float[] image = ctx.batch().item(i).data();
          float[] copies = new float[count * image.length];
          for (int j = 0; j < count; j++) {
            float[] mask = batchMasks[j];
            int offset = j * image.length;
            for (int c = 0; c < colours; c++) {
              for (int q = 0; q < plane; q++) {
                copies[offset + c * plane + q] = image[c * plane + q] * mask[q];
              }
            }
          }
          sink.accept(new MaskedBatch(i, batchMasks, new FloatTensor(new long[] {count, colours, height, width}, copies)));
        }
      }
    }, 1)) {
      for (MaskedBatch b = batches.next().orElse(null); b != null; b = batches.next().orElse(null)) {
        float[] scores = ctx.scores(b.images()).data();
        float[] seed = seeds[b.image()];
        for (int j = 0; j < b.masks().length; j++) {
          double s = MethodContext.dot(seed, scores, j * seed.length);
          float[] mask = b.masks()[j];
          double[] sum = saliency[b.image()];
          for (int q = 0; q < plane; q++) {
            sum[q] += s * mask[q];
          }
        }
      }
    }
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] map = new float[plane];
      for (int q = 0; q < plane; q++) {
        map[q] = (float) (saliency[i][q] / ((double) masks * p));
      }
      out.add(ctx.explanation(name(), i, null,
          new Explanation.InputMap(new FloatTensor(new long[] {height, width}, map))));
    }
    return out;
  }

  /** Masked copies of one image, one per mask. */
  private record MaskedBatch(int image, float[][] masks, FloatTensor images) {}
}
