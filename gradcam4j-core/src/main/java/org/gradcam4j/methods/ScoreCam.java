package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.math.Softmax;

/**
 * Score-CAM (Wang et al. 2020, "Score-CAM: Score-Weighted Visual Explanations for Convolutional
 * Neural Networks"), computed as pytorch-grad-cam does: every channel {@code A_k} of the layer is
 * upsampled to the input size (bilinear, {@code align_corners=True}), min-max normalised to a mask
 * {@code (u - min) / (max - min + 1e-8)}, the image is multiplied by the mask (all colour channels),
 * the masked images are scored for the target, {@code w = softmax_k(scores)} and the map is
 * {@code relu(sum_k w_k A_k)}. (The paper's increase of confidence subtracts the score of a baseline
 * image, a constant that the softmax cancels.)
 *
 * <p>The masked images run through plain forward passes in batches of {@link MethodOptions#batchSize()};
 * a top-1 target is pinned to the class of the unmasked image. A channel whose upsampled map is
 * constant (for example all zero after a ReLU) gives an all-zero mask, hence the all-zero image; that
 * image is scored once and its score shared, which gives the same weights as scoring every copy.
 */
public final class ScoreCam extends ChannelWeightedCam {
  @Override
  public String name() {
    return "scorecam";
  }

  @Override
  float[][] weights(MethodContext ctx, String layer, LayerForward forward) {
    FloatTensor activations = forward.activations().get(layer);
    int channels = (int) activations.dim(1);
    int h = (int) activations.dim(2);
    int w = (int) activations.dim(3);
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    int colours = (int) ctx.batch().dim(1);
    int plane = height * width;
    AlignCornersUpsampling upsampling = new AlignCornersUpsampling(h, w, height, width);
    int chunk = ctx.runBatchSize();
    long[] itemShape = {colours, height, width};
    float[][] result = new float[ctx.size()][];
    float[] blankScores = null;

    for (int i = 0; i < ctx.size(); i++) {
      float[] seed = ctx.seedVector(i, forward.scores(i));
      float[] image = ctx.batch().item(i).data();
      float[] a = activations.item(i).data();
      double[] channelScores = new double[channels];
      List<Integer> blank = new ArrayList<>();
      // Masked copies are built on a background thread while the previous batch is being scored.
      try (Prefetcher<MaskedBatch> batches = new Prefetcher<>(sink -> {
        float[] mask = new float[plane];
        int[] pending = new int[chunk];
        float[] copies = new float[chunk * image.length];
        int count = 0;
        for (int k = 0; k < channels; k++) {
          if (!maskOf(upsampling, a, k * h * w, mask)) {
            blank.add(k);
            continue;
          }
          int offset = count * image.length;
          for (int c = 0; c < colours; c++) {
            int base = c * plane;
            for (int p = 0; p < plane; p++) {
              copies[offset + base + p] = image[base + p] * mask[p];
            }
          }
          pending[count++] = k;
          if (count == chunk) {
            sink.accept(new MaskedBatch(new FloatTensor(batchShape(count, itemShape), copies), pending.clone()));
            copies = new float[chunk * image.length];
            count = 0;
          }
        }
        if (count > 0) {
          float[] rest = Arrays.copyOf(copies, count * image.length);
          sink.accept(new MaskedBatch(new FloatTensor(batchShape(count, itemShape), rest),
              Arrays.copyOf(pending, count)));
        }
      }, 1)) {
        for (MaskedBatch b = batches.next().orElse(null); b != null; b = batches.next().orElse(null)) {
          float[] scores = ctx.scores(b.images()).data();
          for (int j = 0; j < b.channels().length; j++) {
            channelScores[b.channels()[j]] = MethodContext.dot(seed, scores, j * seed.length);
          }
        }
      }
      if (!blank.isEmpty()) {
        if (blankScores == null) {
          blankScores = ctx.scores(FloatTensor.zeros(1, colours, height, width)).data();
        }
        double s = MethodContext.dot(seed, blankScores, 0);
        for (int k : blank) {
          channelScores[k] = s;
        }
      }
      result[i] = softmax(channelScores);
    }
    return result;
  }

  /**
   * The normalised mask of one channel into {@code mask}; false when the channel is constant after
   * upsampling, which makes the mask exactly zero.
   */
  private static boolean maskOf(AlignCornersUpsampling upsampling, float[] activation, int offset, float[] mask) {
    upsampling.resize(activation, offset, mask);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : mask) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max == min) {
      return false;
    }
    float denominator = max - min + 1e-8f;
    for (int p = 0; p < mask.length; p++) {
      mask[p] = (mask[p] - min) / denominator;
    }
    return true;
  }

  /** A batch of masked copies of one image and the channel behind each copy. */
  private record MaskedBatch(FloatTensor images, int[] channels) {}

  private static long[] batchShape(int count, long[] itemShape) {
    return new long[] {count, itemShape[0], itemShape[1], itemShape[2]};
  }

  static float[] softmax(double[] scores) {
    return Softmax.toFloat(Softmax.of(scores));
  }

}
