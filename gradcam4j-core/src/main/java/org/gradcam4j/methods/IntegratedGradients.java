package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.GaussianBlur;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Integrated Gradients (Sundararajan et al. 2017): {@code (x - x0) * integral_0^1 grad f(x0 + a (x - x0)) da},
 * the integral taken with Gauss-Legendre quadrature over {@code igSteps} points (Captum's default
 * rule). The baseline {@code x0} is {@code zero} (an all-zero input tensor, Captum's default),
 * {@code blur} (the image blurred with a Gaussian of sigma = 1/16 of its size) or {@code uniform}
 * (uniform noise over the image's value range, seeded). Completeness holds up to quadrature error:
 * the attributions sum to {@code f(x) - f(x0)}.
 */
public final class IntegratedGradients implements ExplanationMethod {
  /** The input the path integral starts from. */
  public enum Baseline {
    /** An all-zero input tensor (Captum's default). */
    ZERO,
    /** Uniform noise over the image's value range, seeded. */
    UNIFORM,
    /** The image blurred with a Gaussian of sigma = 1/16 of its size. */
    BLUR;

    /** The name the CLI takes and reports, e.g. "zero". */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String name() {
    return "integrated-gradients";
  }

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    int steps = ctx.options().igSteps();
    if (steps < 1) {
      throw new GradCamException("Integrated Gradients needs at least 1 step, got " + steps);
    }
    double[][] rule = Quadrature.gaussLegendre(steps);
    List<Target> pinned = ctx.pinnedTargets();
    GradientRequest request = ctx.gradients().wrt(ctx.imageInput()).build();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      FloatTensor x = ctx.batch().item(i);
      float[] base = baseline(ctx.options(), x, i);
      List<FloatTensor> path = new ArrayList<>(steps);
      for (int s = 0; s < steps; s++) {
        float a = (float) rule[0][s];
        float[] p = new float[base.length];
        for (int k = 0; k < p.length; k++) {
          p[k] = base[k] + a * (x.data()[k] - base[k]);
        }
        path.add(new FloatTensor(x.shape(), p));
      }
      float[] g = ctx.runGradients(request, FloatTensor.stack(path), List.of(pinned.get(i)))
          .gradients().get(ctx.imageInput()).data();
      float[] attribution = new float[base.length];
      for (int s = 0; s < steps; s++) {
        double w = rule[1][s];
        for (int k = 0; k < attribution.length; k++) {
          attribution[k] += (float) (w * g[s * attribution.length + k]);
        }
      }
      for (int k = 0; k < attribution.length; k++) {
        attribution[k] *= x.data()[k] - base[k];
      }
      out.add(ctx.explanation(name(), i, null,
          new Explanation.PixelAttribution(new FloatTensor(x.shape(), attribution))));
    }
    return out;
  }

  /** The baseline input for image {@code index}. */
  static float[] baseline(MethodOptions o, FloatTensor x, int index) {
    float[] v = x.data();
    return switch (o.igBaseline()) {
      case ZERO -> new float[v.length];
      case UNIFORM -> {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v) {
          min = Math.min(min, f);
          max = Math.max(max, f);
        }
        var r = new Gaussian(o.seed() + index).uniform();
        float[] b = new float[v.length];
        for (int k = 0; k < b.length; k++) {
          b[k] = min + (max - min) * (float) r.nextDouble();
        }
        yield b;
      }
      case BLUR -> {
        int h = (int) x.dim(1);
        int w = (int) x.dim(2);
        yield GaussianBlur.blur(v, (int) x.dim(0), h, w, Math.max(h, w) / 16.0);
      }
    };
  }
}
