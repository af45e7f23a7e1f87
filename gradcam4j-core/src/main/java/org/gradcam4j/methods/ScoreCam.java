package org.gradcam4j.methods;

import java.util.ArrayList;
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
      List<Integer> pending = new ArrayList<>();
      List<FloatTensor> masked = new ArrayList<>();
      List<Integer> blank = new ArrayList<>();
      float[] mask = new float[plane];
      for (int k = 0; k < channels; k++) {
        if (!maskOf(upsampling, a, k * h * w, mask)) {
          blank.add(k);
          continue;
        }
        float[] x = new float[image.length];
        for (int c = 0; c < colours; c++) {
          int base = c * plane;
          for (int p = 0; p < plane; p++) {
            x[base + p] = image[base + p] * mask[p];
          }
        }
        pending.add(k);
        masked.add(new FloatTensor(itemShape, x));
        if (masked.size() == chunk) {
          score(ctx, masked, pending, seed, channelScores);
        }
      }
      if (!masked.isEmpty()) {
        score(ctx, masked, pending, seed, channelScores);
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

  private static void score(MethodContext ctx, List<FloatTensor> masked, List<Integer> channels, float[] seed,
      double[] channelScores) {
    float[] scores = ctx.scores(FloatTensor.stack(masked)).data();
    int k = seed.length;
    for (int j = 0; j < channels.size(); j++) {
      channelScores[channels.get(j)] = MethodContext.dot(seed, scores, j * k);
    }
    masked.clear();
    channels.clear();
  }

  static float[] softmax(double[] scores) {
    return Softmax.toFloat(Softmax.of(scores));
  }

}
