package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.onnx.OnnxModel;

/**
 * The model-parameter randomisation test ({@link SanityCheck}) on the first images of the data: the
 * similarity of each map to the map of a model whose top layers have random weights. Its columns hold
 * the similarity after the last cascade step; every step's is kept for {@code sanity.md}. Not computed
 * unless asked for, since every cascade step explains the images again.
 */
public final class SanityMetric implements ModelMetric {
  public static final String SPEARMAN_ABS = "sanity_spearman_abs";
  public static final String SSIM = "sanity_ssim";

  @Override
  public String name() {
    return "sanity";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.lowerIsBetter(SPEARMAN_ABS, s -> "sanity check: Spearman (absolute values) with the map of the"
            + " model after the last cascade step, i.e. with up to " + s.sanityLayers() + " parametrised layers"
            + " random (see sanity.md)"),
        Column.lowerIsBetter(SSIM, "sanity check: SSIM with the map of that randomised model"));
  }

  @Override
  public boolean onByDefault() {
    return false;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    journal.put("sanity", "layers=" + settings.sanityLayers() + " images=" + settings.sanityImages() + " seed="
        + settings.sanitySeed());
  }

  @Override
  public Run open(OnnxModel model, int threads, MetricSettings settings) {
    return new CheckedImages(new SanityCheck(model, settings.sanityLayers(), settings.sanitySeed(), threads),
        settings.sanityImages());
  }

  /** The check, run on the images whose index in the data is below the image count. */
  private static final class CheckedImages implements Run {
    private final SanityCheck check;
    private final int images;

    CheckedImages(SanityCheck check, int images) {
      this.check = check;
      this.images = images;
    }

    @Override
    public List<String> steps() {
      return check.stepNames();
    }

    @Override
    public void score(Batch batch, Results out) {
      List<Integer> positions = batch.positionsBelow(images);
      if (positions.isEmpty()) {
        return;
      }
      int[] classes = new int[positions.size()];
      Map<String, List<SaliencyMap>> originals = new LinkedHashMap<>();
      for (int k = 0; k < positions.size(); k++) {
        classes[k] = batch.explainedClasses()[positions.get(k)];
      }
      batch.maps().forEach((name, list) -> originals.put(name, positions.stream().map(list::get).toList()));
      Map<String, List<SanityCheck.Result>> results = check.evaluate(batch.inputsAt(positions), batch.methods(),
          batch.request(), classes, originals);
      for (int k = 0; k < positions.size(); k++) {
        int i = positions.get(k);
        for (ExplanationMethod m : batch.methods()) {
          SanityCheck.Result s = results.get(m.name()).get(k);
          out.steps(i, m.name(), s);
          int last = s.ssim().length - 1;
          out.of(i, m.name()).value(SPEARMAN_ABS, s.spearmanAbs()[last]);
          out.of(i, m.name()).value(SSIM, s.ssim()[last]);
        }
      }
    }

    @Override
    public void close() {
      check.close();
    }
  }
}
