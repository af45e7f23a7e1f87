package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.Infidelity;

/**
 * Explanation infidelity ({@link Infidelity}): how far {@code I . map} is from the change of the class
 * probability when Gaussian noise {@code I} is subtracted from the image. The maps of one image are
 * scored against the same perturbed copies. Not computed unless asked for.
 */
public final class InfidelityMetric implements ImageMetric {
  public static final String INFIDELITY = "infidelity";

  @Override
  public String name() {
    return "infidelity";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.lowerIsBetter(INFIDELITY, s -> "infidelity (Yeh et al. 2019): mean squared error between"
        + " I . map and the probability change f(x) - f(x - I) over " + s.infidelity().samples()
        + " Gaussian perturbations I of sigma " + s.infidelity().sigma() + " (pixels in [0, 1])"
        + (s.infidelity().normalize() ? ", map scaled by its best factor first" : "")));
  }

  @Override
  public boolean onByDefault() {
    return false;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    Infidelity.Settings s = settings.infidelity();
    journal.put("infidelity", "samples=" + s.samples() + " sigma=" + s.sigma() + " normalize=" + s.normalize()
        + " seed=" + s.seed());
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    Infidelity infidelity = new Infidelity(worker.settings().infidelity());
    return (image, maps, out) -> {
      double[] values = infidelity.evaluate(image.image(), maps, image.explainedClass(), worker.model());
      for (int k = 0; k < maps.size(); k++) {
        out.get(k).value(INFIDELITY, values[k]);
      }
    };
  }
}
