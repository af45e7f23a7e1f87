package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Test-time augmentation smoothing of CAM maps ({@link MethodOptions#augSmooth()}), as
 * pytorch-grad-cam's {@code aug_smooth}: the method runs on six versions of every image, with and
 * without a horizontal flip, each multiplied by 0.9, 1 and 1.1 (in the model's input space, as ttach's
 * {@code Multiply} does); each resulting map is scaled to the input size like a returned map, flipped
 * back where the image was flipped, and the six are averaged. The result is an input-resolution map.
 *
 * <p>It applies to the layer CAM methods and FullGrad, whatever their class, so the {@link MethodPlan}
 * routes them here when the option is on. All augmented copies run as one batch (one batch per
 * augmentation for a model with a fixed batch size). Unlike
 * pytorch-grad-cam, which re-picks the top class of every augmented copy when no target is given, a
 * top-1 target is pinned to the class of the original image, so all six maps explain the same class.
 */
public final class AugmentationSmoothing {
  private static final float[] FACTORS = {0.9f, 1f, 1.1f};

  private AugmentationSmoothing() {}

  /** Whether {@code method} is smoothed under these options. */
  public static boolean appliesTo(ExplanationMethod method, MethodOptions options) {
    return options.augSmooth() && (method.kind() == ExplanationMethod.Kind.LAYER || method instanceof FullGrad);
  }

  /** Runs {@code method} on the augmented copies of the context's batch and averages the maps. */
  public static List<Explanation> explain(ExplanationMethod method, MethodContext ctx) {
    int n = ctx.size();
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    List<Target> pinned = ctx.pinnedTargets();
    List<FloatTensor> copies = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    for (boolean flip : new boolean[] {false, true}) {
      for (float factor : FACTORS) {
        for (int i = 0; i < n; i++) {
          FloatTensor x = ctx.batch().item(i);
          float[] v = flip ? flipped(x.data(), height, width) : x.data().clone();
          for (int k = 0; k < v.length; k++) {
            v[k] *= factor;
          }
          copies.add(new FloatTensor(x.shape(), v));
          targets.add(pinned.get(i));
        }
      }
    }
    int variants = 2 * FACTORS.length;
    List<Explanation> maps = new ArrayList<>();
    if (ctx.fixedBatch()) {
      // A model with a fixed batch size takes the batch's size only: one run per augmentation.
      for (int v = 0; v < variants; v++) {
        maps.addAll(method.explain(ctx.withBatch(FloatTensor.stack(copies.subList(v * n, (v + 1) * n)),
            targets.subList(v * n, (v + 1) * n))));
      }
    } else {
      maps.addAll(method.explain(ctx.withBatch(FloatTensor.stack(copies), targets)));
    }
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] sum = new double[height * width];
      for (int v = 0; v < variants; v++) {
        float[] map = maps.get(v * n + i).displayMap(height, width);
        if (v >= FACTORS.length) {
          map = flipped(map, height, width);
        }
        for (int p = 0; p < sum.length; p++) {
          sum[p] += map[p];
        }
      }
      float[] mean = new float[sum.length];
      for (int p = 0; p < sum.length; p++) {
        mean[p] = (float) (sum[p] / variants);
      }
      out.add(ctx.explanation(method.name(), i, maps.get(i).layer(),
          new Explanation.InputMap(new FloatTensor(new long[] {height, width}, mean))));
    }
    return out;
  }

  /** Every [height, width] plane of {@code planes} mirrored left to right. */
  static float[] flipped(float[] planes, int height, int width) {
    float[] out = new float[planes.length];
    for (int row = 0; row < planes.length / width; row++) {
      int base = row * width;
      for (int x = 0; x < width; x++) {
        out[base + x] = planes[base + width - 1 - x];
      }
    }
    return out;
  }
}
