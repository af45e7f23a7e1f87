package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.MaxSensitivity;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Max-sensitivity ({@link MaxSensitivity}) of each method's map: the images are explained again with
 * uniform noise of a small radius added to the model's input, for the same classes, and the largest
 * relative change of the map is kept. Maps are compared as the evaluation scores them (at the input
 * size, scaled to [0, 1]). Runs on the first images of the data only and not unless asked for, since
 * every perturbation explains the images again.
 */
public final class MaxSensitivityMetric implements ModelMetric {
  public static final String MAX_SENSITIVITY = "max_sensitivity";

  @Override
  public String name() {
    return "max-sensitivity";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.lowerIsBetter(MAX_SENSITIVITY, s -> "max-sensitivity (Yeh et al. 2019): largest"
        + " ||map(x + d) - map(x)|| / ||map(x)|| over " + s.maxSensitivity().samples() + " uniform perturbations"
        + " d of radius " + s.maxSensitivity().radius() + " of the model input (first "
        + s.maxSensitivity().images() + " images)"));
  }

  @Override
  public boolean onByDefault() {
    return false;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    MaxSensitivity.Settings s = settings.maxSensitivity();
    journal.put("max-sensitivity", "samples=" + s.samples() + " radius=" + s.radius() + " images=" + s.images()
        + " seed=" + s.seed());
  }

  @Override
  public Run open(OnnxModel model, int threads, MetricSettings settings) {
    return new Perturbed(model, threads, settings.maxSensitivity());
  }

  /** The metric during one run: its own explainer of the model, built on first use. */
  private static final class Perturbed implements Run {
    private final OnnxModel model;
    private final int threads;
    private final MaxSensitivity.Settings settings;
    private Explainer explainer;

    Perturbed(OnnxModel model, int threads, MaxSensitivity.Settings settings) {
      this.model = model;
      this.threads = threads;
      this.settings = settings;
    }

    @Override
    public List<String> steps() {
      return List.of();
    }

    @Override
    public void score(Batch batch, Results out) {
      List<Integer> positions = batch.positionsBelow(settings.images());
      if (positions.isEmpty()) {
        return;
      }
      if (explainer == null) {
        explainer = Explainer.of(model, threads);
      }
      int h = (int) batch.inputs().dim(2);
      int w = (int) batch.inputs().dim(3);
      List<Target> pinned = new ArrayList<>();
      for (int i : positions) {
        pinned.add(Target.classIndex(batch.explainedClasses()[i]));
      }
      FloatTensor chosen = batch.inputsAt(positions);
      MaxSensitivity sensitivity = new MaxSensitivity(settings);
      for (ExplanationMethod m : batch.methods()) {
        List<float[]> originals = positions.stream().map(i -> batch.maps().get(m.name()).get(i).values()).toList();
        double[] values = sensitivity.evaluate(chosen, originals, perturbed -> explainer
            .explain(perturbed, batch.request().withMethod(m).withTargets(pinned)).stream()
            .map((Explanation e) -> e.displayMap(h, w)).toList());
        for (int k = 0; k < positions.size(); k++) {
          out.of(positions.get(k), m.name()).value(MAX_SENSITIVITY, values[k]);
        }
      }
    }

    @Override
    public void close() {
      if (explainer != null) {
        explainer.close();
      }
    }
  }
}
