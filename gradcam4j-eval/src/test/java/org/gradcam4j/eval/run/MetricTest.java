package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.metrics.Column;
import org.gradcam4j.eval.run.metrics.ImageMetric;
import org.gradcam4j.eval.run.metrics.MapMetric;
import org.gradcam4j.eval.run.metrics.MetricRule;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.run.metrics.ModelMetric;
import org.junit.jupiter.api.Test;

/** The list of metrics, which the command line, the journal and the tables all read. */
class MetricTest {
  @Test
  void namesAndColumnsAreUniqueAndEveryMetricScoresInExactlyOneWay() {
    Set<String> names = new HashSet<>();
    Set<String> columns = new HashSet<>();
    for (Metric m : Metric.values()) {
      MetricRule rule = m.rule();
      assertThat(names.add(rule.name())).as("name %s", rule.name()).isTrue();
      assertThat(Metric.parse(rule.name().toUpperCase(Locale.ROOT))).isSameAs(m);
      assertThat(rule.columns()).as(rule.name()).isNotEmpty();
      for (Column c : rule.columns()) {
        assertThat(columns.add(c.name())).as("column %s of %s", c.name(), rule.name()).isTrue();
        assertThat(c.describe(MetricSettings.defaults())).as(c.name()).isNotBlank();
      }
      int ways = (rule instanceof MapMetric ? 1 : 0) + (rule instanceof ImageMetric ? 1 : 0)
          + (rule instanceof ModelMetric ? 1 : 0);
      assertThat(ways).as("scoring interfaces of %s", rule.name()).isEqualTo(1);
    }
  }

  @Test
  void columnsKeepTheTableOrderOfEarlierResults() {
    // Results tables and journals written before must read the same: new columns go after these.
    assertThat(Metric.columns()).extracting(Column::name).startsWith("loc_iou", "loc_hit", "loc_error_top1",
        "pointing_hit", "pointing_hit_exact", "deletion_auc", "insertion_auc", "road_morf", "road_lerf",
        "road_combined", "average_drop_pct", "increase_in_confidence_pct", "faithfulness_spearman",
        "sanity_spearman_abs", "sanity_ssim");
    assertThat(Metric.column("deletion_auc").orElseThrow().direction()).isEqualTo(Column.Direction.LOWER_IS_BETTER);
    assertThat(Metric.column("insertion_auc").orElseThrow().direction()).isEqualTo(Column.Direction.HIGHER_IS_BETTER);
    assertThat(Metric.column("nothing")).isEmpty();
  }

  @Test
  void eachMetricRecordsItsOwnSettingsUnderTheJournalsKeys() {
    ObjectNode journal = JsonNodeFactory.instance.objectNode();
    for (Metric m : Metric.values()) {
      m.rule().recordSettings(MetricSettings.defaults().withPointingTolerance(4), journal);
    }
    List<String> keys = new ArrayList<>();
    journal.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("localization_threshold", "min_iou", "pointing_tolerance", "deletion_insertion",
        "road", "sanity", "segmentation_threshold", "segmentation_components", "segmentation_refine",
        "infidelity", "max-sensitivity");
    assertThat(journal.path("pointing_tolerance").asInt()).isEqualTo(4);
    assertThat(journal.path("deletion_insertion").asText()).startsWith("steps=100 pixels_per_step=0 deletion=zero");
  }

  @Test
  void theDefaultsLeaveOutTheCostlySanityCheckAndAReferenceThatIsMissing() {
    assertThat(Evaluation.defaultMetrics(true))
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Metric.SANITY, Metric.INFIDELITY, Metric.MAX_SENSITIVITY)));
    assertThat(Evaluation.defaultMetrics(false)).isEqualTo(
        EnumSet.complementOf(EnumSet.of(Metric.SANITY, Metric.FAITHFULNESS, Metric.INFIDELITY, Metric.MAX_SENSITIVITY)));
  }

  @Test
  void listsAreParsedByName() {
    assertThat(Metric.parseList("Deletion, localisation")).containsExactly(Metric.LOCALIZATION, Metric.DELETION);
    assertThat(Metric.parseList("all")).hasSize(Metric.values().length);
    assertThatThrownBy(() -> Metric.parseList(" , ")).isInstanceOf(GradCamException.class)
        .hasMessageContaining("no metric given");
    assertThatThrownBy(() -> Metric.parse("accuracy")).hasMessageContaining("known metrics: localization");
  }
}
