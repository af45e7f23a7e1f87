package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Occlusion (Zeiler and Fergus 2014, "Visualizing and Understanding Convolutional Networks"), with
 * Captum's definition: a square window of {@link MethodOptions#occlusionWindow()} pixels, moved by
 * {@link MethodOptions#occlusionStride()}, replaces all colour channels under it by
 * {@link MethodOptions#occlusionFill()} (a value in the model's input space); each pixel's attribution
 * is the drop of the target score, {@code y(x) - y(occluded)}, averaged over all windows that cover
 * it. As in Captum there are {@code ceil((H - window) / stride) + 1} window positions per axis starting
 * at 0, so the last window may stick out of the image and is cut at its edge.
 *
 * <p>Occluded copies are scored in batches of {@link MethodOptions#batchSize()}; a top-1 target is
 * pinned to the class of the unoccluded image. The result is an input-resolution map.
 */
public final class Occlusion implements ExplanationMethod {
  @Override
  public String name() {
    return "occlusion";
  }

  @Override
  public Kind kind() {
    return Kind.INPUT;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    MethodOptions o = ctx.options();
    int colours = (int) ctx.batch().dim(1);
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    int window = o.occlusionWindow();
    int stride = o.occlusionStride();
    if (window < 1 || stride < 1) {
      throw new GradCamException("Occlusion needs a window and a stride of at least 1 pixel, got window "
          + window + " and stride " + stride);
    }
    if (window > Math.min(height, width)) {
      throw new GradCamException("The occlusion window (" + window + " pixels) is larger than the image ("
          + width + "x" + height + ")");
    }
    if (stride > window) {
      throw new GradCamException("The occlusion stride (" + stride + ") is larger than the window (" + window
          + "): some pixels would never be occluded");
    }
    int[] ys = starts(height, window, stride);
    int[] xs = starts(width, window, stride);
    int plane = height * width;
    int chunk = ctx.runBatchSize();
    FloatTensor original = ctx.originalScores();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      float[] seed = ctx.seedVector(i, original.item(i).data());
      float y = MethodContext.dot(seed, original.data(), i * seed.length);
      float[] image = ctx.batch().item(i).data();
      double[] drops = new double[plane];
      int[] counts = new int[plane];
      List<int[]> windows = new ArrayList<>();
      for (int wy : ys) {
        for (int wx : xs) {
          windows.add(new int[] {wy, wx});
        }
      }
      for (int start = 0; start < windows.size(); start += chunk) {
        int end = Math.min(windows.size(), start + chunk);
        List<FloatTensor> copies = new ArrayList<>();
        for (int j = start; j < end; j++) {
          float[] x = image.clone();
          int[] wdw = windows.get(j);
          for (int c = 0; c < colours; c++) {
            for (int py = wdw[0]; py < Math.min(height, wdw[0] + window); py++) {
              java.util.Arrays.fill(x, c * plane + py * width + wdw[1],
                  c * plane + py * width + Math.min(width, wdw[1] + window), o.occlusionFill());
            }
          }
          copies.add(new FloatTensor(new long[] {colours, height, width}, x));
        }
        float[] scores = ctx.scores(FloatTensor.stack(copies)).data();
        for (int j = start; j < end; j++) {
          double drop = y - MethodContext.dot(seed, scores, (j - start) * seed.length);
          int[] wdw = windows.get(j);
          for (int py = wdw[0]; py < Math.min(height, wdw[0] + window); py++) {
            for (int px = wdw[1]; px < Math.min(width, wdw[1] + window); px++) {
              drops[py * width + px] += drop;
              counts[py * width + px]++;
            }
          }
        }
      }
      float[] map = new float[plane];
      for (int p = 0; p < plane; p++) {
        map[p] = (float) (drops[p] / counts[p]);
      }
      out.add(ctx.explanation(name(), i, null,
          new Explanation.InputMap(new FloatTensor(new long[] {height, width}, map))));
    }
    return out;
  }

  /** Window start positions along one axis: 0, stride, ... ({@code ceil((size - window) / stride) + 1} of them). */
  static int[] starts(int size, int window, int stride) {
    int count = (size - window + stride - 1) / stride + 1;
    int[] s = new int[count];
    for (int k = 0; k < count; k++) {
      s[k] = k * stride;
    }
    return s;
  }
}
