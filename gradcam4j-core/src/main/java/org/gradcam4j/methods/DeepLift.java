package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.targets.Target;

/**
 * DeepLIFT with the rescale rule (Shrikumar et al. 2017): {@code (x - x0) * m}, where the multipliers
 * {@code m} come from one backward pass in which every element-wise nonlinearity passes back
 * {@code (y - y0) / (x - x0)} instead of its derivative ({@link BackwardVariant.Mode#DEEPLIFT}). The
 * reference {@code x0} is a baseline as for Integrated Gradients ({@link MethodOptions#igBaseline()});
 * it runs in the same batch as the images, as its last sample, so one run gives the images' and the
 * reference's activations together. On networks whose nonlinearities are element-wise (ReLU, ReLU6,
 * sigmoid, ...) the attributions sum to {@code f(x) - f(x0)} exactly.
 *
 * <p>With {@link MethodOptions#baselines()} above 1 this is DeepLIFT-SHAP: the average of the
 * attributions over several references (draws of a uniform baseline differ; zero and blur do not).
 * An all-zero reference is shared by all images of a run; an image-dependent one (blur, uniform) runs
 * with its image alone.
 */
public final class DeepLift implements ExplanationMethod {
  @Override
  public String name() {
    return "deeplift";
  }

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    if (ctx.fixedBatch()) {
      throw new GradCamException("deeplift runs each batch with its reference input as one more sample, so it"
          + " needs a model that accepts any batch size; this model's input '" + ctx.imageInput()
          + "' takes a fixed batch size");
    }
    MethodOptions o = ctx.options();
    int draws = o.baselines();
    if (draws < 1) {
      throw new GradCamException("deeplift needs at least 1 baseline, got --baselines " + draws);
    }
    // The images are not perturbed, so each keeps its own target (a top-1 target is resolved inside
    // the graph, with no forward pass beforehand); the reference's seed is zero.
    Target none = Target.weights(new float[Math.toIntExact(ctx.shapes().shape(ctx.scoreTensor()).elementCountFrom(1))]);
    GradientRequest request = ctx.gradients().wrt(ctx.imageInput()).variant(BackwardVariant.DEEPLIFT).build();
    int n = ctx.size();
    float[][] sums = new float[n][];
    float[][] scores = new float[n][];
    float[][] predictions = new float[n][];
    boolean shared = o.igBaseline() == IntegratedGradients.Baseline.ZERO;
    int chunk = shared ? Math.max(1, Math.min(ctx.runBatchSize(), ModelRuntime.MAX_GRADIENT_CHUNK - 1)) : 1;
    for (int draw = 0; draw < draws; draw++) {
      for (int start = 0; start < n; start += chunk) {
        int end = Math.min(n, start + chunk);
        List<FloatTensor> images = new ArrayList<>();
        for (int i = start; i < end; i++) {
          images.add(ctx.batch().item(i));
        }
        FloatTensor reference = new FloatTensor(images.get(0).shape(),
            IntegratedGradients.baseline(o, images.get(0), draw));
        List<FloatTensor> rows = new ArrayList<>(images);
        rows.add(reference);
        List<Target> targets = new ArrayList<>();
        for (int i = start; i < end; i++) {
          targets.add(ctx.target(i));
        }
        targets.add(none);
        GradientRun run = ctx.runGradients(request, FloatTensor.stack(rows), targets);
        FloatTensor multipliers = run.gradients().get(ctx.imageInput());
        for (int i = start; i < end; i++) {
          scores[i] = run.scores().item(i - start).data();
          predictions[i] = run.predictions().item(i - start).data();
          float[] x = ctx.batch().item(i).data();
          float[] m = multipliers.item(i - start).data();
          float[] r = reference.data();
          float[] sum = sums[i] == null ? (sums[i] = new float[x.length]) : sums[i];
          for (int k = 0; k < x.length; k++) {
            sum[k] += (x[k] - r[k]) * m[k] / draws;
          }
        }
      }
    }
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ctx.explanation(name(), i, scores[i], predictions[i], null,
          new Explanation.PixelAttribution(new FloatTensor(ctx.batch().item(i).shape(), sums[i]))));
    }
    return out;
  }
}
