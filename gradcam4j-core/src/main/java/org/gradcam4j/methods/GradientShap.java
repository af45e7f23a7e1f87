package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * GradientSHAP (Lundberg and Lee 2017, as Captum defines it): expected gradients over baselines. Each
 * of {@link MethodOptions#smoothSamples()} samples picks a random baseline {@code b} of
 * {@link MethodOptions#baselines()} draws of {@link MethodOptions#igBaseline()}, adds Gaussian noise
 * of standard deviation {@code smoothNoise * (max - min)} to the image ({@code x'}), picks a uniform
 * random point {@code p = b + a (x' - b)} on the line between them, and contributes
 * {@code grad f(p) * (x' - b)}; the attribution is the mean. Without noise its expectation is
 * Integrated Gradients' attribution averaged over the baselines. All samples of an image run through
 * the gradient graph in batches; the random sequence is the same for every image (seeded by
 * {@link MethodOptions#seed()}), so an image's result does not depend on its batch.
 */
public final class GradientShap implements ExplanationMethod {
  @Override
  public String name() {
    return "gradientshap";
  }

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    MethodOptions o = ctx.options();
    int samples = o.smoothSamples();
    int draws = o.baselines();
    if (samples < 1 || draws < 1) {
      throw new GradCamException("gradientshap needs at least 1 sample and 1 baseline, got --samples " + samples
          + " and --baselines " + draws);
    }
    List<Target> pinned = ctx.pinnedTargets();
    GradientRequest request = ctx.gradients().wrt(ctx.imageInput()).build();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      FloatTensor x = ctx.batch().item(i);
      float[][] baselines = new float[draws][];
      for (int d = 0; d < draws; d++) {
        baselines[d] = IntegratedGradients.baseline(o, x, d);
      }
      float sigma = o.smoothNoise() * SmoothGrad.range(x.data());
      Gaussian random = new Gaussian(o.seed());
      List<FloatTensor> points = new ArrayList<>(samples);
      List<float[]> steps = new ArrayList<>(samples);
      for (int s = 0; s < samples; s++) {
        float[] b = baselines[random.uniform().nextInt(draws)];
        float a = (float) random.uniform().nextDouble();
        float[] p = new float[b.length];
        float[] step = new float[b.length];
        for (int k = 0; k < p.length; k++) {
          float noisy = x.data()[k] + (float) (sigma * random.next());
          step[k] = noisy - b[k];
          p[k] = b[k] + a * step[k];
        }
        points.add(new FloatTensor(x.shape(), p));
        steps.add(step);
      }
      float[] g = ctx.runGradients(request, FloatTensor.stack(points), List.of(pinned.get(i)))
          .gradients().get(ctx.imageInput()).data();
      float[] attribution = new float[x.data().length];
      for (int s = 0; s < samples; s++) {
        float[] step = steps.get(s);
        for (int k = 0; k < attribution.length; k++) {
          attribution[k] += g[s * attribution.length + k] * step[k] / samples;
        }
      }
      out.add(ctx.explanation(name(), i, null,
          new Explanation.PixelAttribution(new FloatTensor(x.shape(), attribution))));
    }
    return out;
  }
}
