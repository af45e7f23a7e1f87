package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Runs the model-parameter randomisation test: the same images are explained, with the same method
 * and for the same class, by copies of the model randomised a layer further at each cascade step
 * ({@link ModelRandomization}), and each map is compared with the trained model's map
 * ({@link SanityCheckSimilarity}). The randomised models are built on first use and kept until
 * {@link #close()}.
 */
public final class SanityCheck implements AutoCloseable {
  /**
   * Similarity to the trained model's map after each cascade step (index 0: only the top layer
   * random); NaN where a randomised model's map is not finite.
   */
  public record Result(double[] spearmanAbs, double[] spearman, double[] ssim) {}

  private final OnnxModel model;
  private final List<ModelRandomization.Layer> layers;
  private final long seed;
  private final int threads;
  private final Explainer[] randomised;

  /**
   * @param depth how many parametrised layers to randomise, one more per cascade step
   * @param seed seed of the random weights
   * @param threads ONNX Runtime threads of the randomised models (0: its default)
   */
  public SanityCheck(OnnxModel model, int depth, long seed, int threads) {
    this.model = model;
    List<ModelRandomization.Layer> all = ModelRandomization.topDown(model);
    if (all.isEmpty()) {
      throw new GradCamException("The sanity check randomises Conv, Gemm or MatMul weights, and the model has"
          + " no such layer with weights stored in the file");
    }
    this.layers = List.copyOf(all.subList(0, Math.min(depth, all.size())));
    this.seed = seed;
    this.threads = threads;
    this.randomised = new Explainer[layers.size()];
  }

  /** The cascade steps, named by the layer randomised last (step 0: the top layer only). */
  public List<String> stepNames() {
    return layers.stream().map(ModelRandomization.Layer::name).toList();
  }

  /**
   * Similarities of each image's map under each cascade step.
   *
   * @param batch the images as the model takes them
   * @param classes the class each image's maps explain
   * @param originals per method, the trained model's maps (one per image, at the input size)
   * @return per method, one result per image
   */
  public Map<String, List<Result>> evaluate(FloatTensor batch, List<ExplanationMethod> methods,
      ExplainRequest request, int[] classes, Map<String, List<SaliencyMap>> originals) {
    int n = classes.length;
    int steps = layers.size();
    int h = (int) batch.dim(2);
    int w = (int) batch.dim(3);
    List<Target> pinned = new ArrayList<>();
    for (int c : classes) {
      pinned.add(Target.classIndex(c));
    }
    Map<String, double[][][]> values = new LinkedHashMap<>();
    for (ExplanationMethod m : methods) {
      values.put(m.name(), new double[3][n][steps]);
    }
    for (int s = 0; s < steps; s++) {
      Explainer e = explainer(s);
      for (ExplanationMethod m : methods) {
        List<Explanation> maps = e.explain(batch, request.withMethod(m).withTargets(pinned));
        double[][][] v = values.get(m.name());
        for (int i = 0; i < n; i++) {
          SaliencyMap random = SaliencyMap.of(maps.get(i).displayMap(h, w), w, h);
          SaliencyMap original = originals.get(m.name()).get(i);
          if (!random.isFinite() || !original.isFinite()) {
            // Random weights can overflow; such a step has no defined similarity.
            v[0][i][s] = Double.NaN;
            v[1][i][s] = Double.NaN;
            v[2][i][s] = Double.NaN;
            continue;
          }
          SanityCheckSimilarity.Similarity sim = SanityCheckSimilarity.compare(original, random);
          v[0][i][s] = sim.spearmanAbs();
          v[1][i][s] = sim.spearman();
          v[2][i][s] = sim.ssim();
        }
      }
    }
    Map<String, List<Result>> out = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      List<Result> perImage = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        perImage.add(new Result(v[0][i], v[1][i], v[2][i]));
      }
      out.put(name, perImage);
    });
    return out;
  }

  private Explainer explainer(int step) {
    if (randomised[step] == null) {
      randomised[step] = Explainer.of(ModelRandomization.randomiseTop(model, layers, step + 1, seed), threads);
    }
    return randomised[step];
  }

  @Override
  public void close() {
    for (Explainer e : randomised) {
      if (e != null) {
        e.close();
      }
    }
  }
}
