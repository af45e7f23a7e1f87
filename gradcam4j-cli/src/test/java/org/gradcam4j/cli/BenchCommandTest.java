package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The bench verb prints one JSON line with the fields scripts rely on (no speed is asserted). */
class BenchCommandTest {
  @Test
  void printsOneJsonLineWithTheMedianAndTheBaselineRatio() throws Exception {
    Cli.Result r = Cli.run("bench", "--model", "random:resnet18", "--method", "gradcam", "--baseline", "forward",
        "--size", "64", "--batch", "2", "--iterations", "3", "--warmup", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("method").asText()).isEqualTo("gradcam");
    assertThat(json.path("batch").asInt()).isEqualTo(2);
    assertThat(json.path("median_ms_per_image").asDouble()).isPositive();
    assertThat(json.path("baseline_median_ms_per_image").asDouble()).isPositive();
    assertThat(json.path("ratio_to_baseline").asDouble()).isPositive();
  }

  @Test
  void perturbationMethodsReportTheirThroughputAgainstPlainInference() throws Exception {
    // 32x32 input, the default 16-pixel window at stride 8: 3 x 3 windows, plus the unoccluded image.
    Cli.Result r = Cli.run("bench", "--model", "random:resnet18", "--method", "occlusion", "--size", "32",
        "--iterations", "2", "--warmup", "1", "--forward-batch", "4");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("forwards_per_image").asInt()).isEqualTo(10);
    assertThat(json.path("forwards_per_second").asDouble()).isPositive();
    assertThat(json.path("plain_forwards_per_second").asDouble()).isPositive();
    assertThat(json.path("throughput_ratio").asDouble()).isPositive();
  }

  @Test
  void unknownMethodIsAClearError() {
    Cli.Result r = Cli.run("bench", "--model", "random:resnet18", "--method", "magic", "--size", "64");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Unknown method 'magic'").contains("gradcam");
  }
}
