package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * SmoothGrad (Smilkov et al. 2017): the input gradient averaged over noisy copies of the image, with
 * Gaussian noise of standard deviation {@code smoothNoise * (max - min)} of the image. Variants, as
 * Captum's NoiseTunnel names them: {@code smoothgrad} (mean gradient), {@code smoothgrad_sq} (mean
 * squared gradient), {@code vargrad} (variance of the gradient, Adebayo et al. 2018). The copies run
 * through the gradient graph in batches; each copy explains the class of the unperturbed image.
 */
public final class SmoothGrad implements ExplanationMethod {
  /** How the gradients of the noisy copies are combined. */
  public enum Type {
    /** The mean gradient. */
    SMOOTHGRAD,
    /** The mean squared gradient. */
    SMOOTHGRAD_SQ,
    /** The variance of the gradient. */
    VARGRAD;

    /** The name the CLI takes and reports, e.g. "smoothgrad_sq". */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String name() {
    return "smoothgrad";
  }

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    MethodOptions o = ctx.options();
    Type type = o.smoothType();
    int samples = Math.max(1, o.smoothSamples());
    List<Target> pinned = ctx.pinnedTargets();
    GradientRequest request = ctx.gradients().wrt(ctx.imageInput()).build();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      // The same noise sequence for every image, so an image's result does not depend on its batch.
      Gaussian noise = new Gaussian(o.seed());
      FloatTensor x = ctx.batch().item(i);
      float sigma = o.smoothNoise() * range(x.data());
      List<FloatTensor> copies = new ArrayList<>(samples);
      for (int s = 0; s < samples; s++) {
        float[] noisy = x.data().clone();
        for (int k = 0; k < noisy.length; k++) {
          noisy[k] += (float) (sigma * noise.next());
        }
        copies.add(new FloatTensor(x.shape(), noisy));
      }
      FloatTensor gradients = ctx.runGradients(request, FloatTensor.stack(copies), List.of(pinned.get(i)))
          .gradients().get(ctx.imageInput());
      out.add(ctx.explanation(name(), i, null,
          new Explanation.PixelAttribution(new FloatTensor(x.shape(), aggregate(gradients, samples, type)))));
    }
    return out;
  }

  static float[] aggregate(FloatTensor gradients, int samples, Type type) {
    int size = gradients.itemSize();
    double[] sum = new double[size];
    double[] squares = new double[size];
    float[] g = gradients.data();
    for (int s = 0; s < samples; s++) {
      for (int k = 0; k < size; k++) {
        double v = g[s * size + k];
        sum[k] += v;
        squares[k] += v * v;
      }
    }
    float[] result = new float[size];
    for (int k = 0; k < size; k++) {
      double mean = sum[k] / samples;
      double meanSquare = squares[k] / samples;
      result[k] = (float) switch (type) {
        case SMOOTHGRAD -> mean;
        case SMOOTHGRAD_SQ -> meanSquare;
        case VARGRAD -> meanSquare - mean * mean;
      };
    }
    return result;
  }

  static float range(float[] v) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    return max - min;
  }
}
