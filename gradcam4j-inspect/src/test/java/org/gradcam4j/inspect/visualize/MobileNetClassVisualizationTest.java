package org.gradcam4j.inspect.visualize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Class visualisation on the shared pretrained MobileNetV2: ten classes spread over the 1000, run as
 * one batch per style, must become near-certain within Lucid's 512 steps. Each image stops improving
 * once its class reaches the bar (checked on the final 8-bit image), which keeps the test to about a
 * minute per style on two cores.
 */
class MobileNetClassVisualizationTest {
  /** goldfish, flamingo, golden retriever, tiger, bald eagle... spread over the label range. */
  private static final int[] CLASSES = {1, 130, 207, 292, 409, 530, 717, 812, 920, 963};

  private static ModelRuntime runtime;

  @BeforeAll
  static void load() {
    runtime = new ModelRuntime(OnnxModel.load(SharedData.model(SharedData.MOBILENET_V2)), 0);
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static long reaching(Style style, double bar) {
    List<Objective> objectives = java.util.Arrays.stream(CLASSES).mapToObj(Objective::classLogit)
        .map(Objective.class::cast).toList();
    VisualizeSettings s = VisualizeSettings.defaults(style).withSteps(512).withTargetProbability(bar);
    long t0 = System.nanoTime();
    List<Visualization> r;
    try (FeatureVisualizer v = new FeatureVisualizer(runtime, Preprocessing.preset("imagenet"))) {
      r = v.visualize(objectives, s, FeatureVisualizer.Listener.NONE);
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s: %.1f s;", style.key(),
        (System.nanoTime() - t0) / 1e9));
    r.forEach(x -> report.append(String.format(Locale.ROOT, " %s p=%.4f (%d steps);",
        x.objective().describe(), x.probability(), x.steps())));
    System.out.println(report);
    return r.stream().filter(x -> x.probability() >= bar).count();
  }

  @Test
  void lucidMakesNineOfTenClassesNearlyCertain() {
    assertThat(reaching(Style.LUCID, 0.99)).isGreaterThanOrEqualTo(9);
  }

  @Test
  void simonyanMakesNineOfTenClassesConfident() {
    assertThat(reaching(Style.SIMONYAN, 0.95)).isGreaterThanOrEqualTo(9);
  }
}
