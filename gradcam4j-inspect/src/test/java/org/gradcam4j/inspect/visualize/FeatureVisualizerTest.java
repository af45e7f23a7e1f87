package org.gradcam4j.inspect.visualize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeatureVisualizerTest {
  private static ModelRuntime runtime;

  /** x [N,3,32,32] -> Conv 3x3 (6 channels, "conv") -> Relu ("act") -> GlobalAveragePool -> Flatten -> Gemm (5 classes). */
  @BeforeAll
  static void model() {
    var proto = Models.single(new long[] {1, 3, 32, 32}, (b, x) -> {
      String w = Models.weights(b, "w", 1, 0.4f, 6, 3, 3, 3);
      String conv = b.identityNamed(b.node("Conv").inputs(x, w).attrInts("pads", 1, 1, 1, 1).output(), "conv");
      String act = b.identityNamed(b.relu(conv), "act");
      String pooled = b.node("GlobalAveragePool").inputs(act).output();
      String flat = b.node("Flatten").inputs(pooled).output();
      String fc = Models.weights(b, "fc", 2, 1f, 5, 6);
      return b.node("Gemm").inputs(flat, fc).attr("transB", 1L).output();
    });
    runtime = new ModelRuntime(OnnxModel.of(proto, "test"), 1);
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  private static List<Visualization> run(List<Objective> objectives, VisualizeSettings s) {
    try (FeatureVisualizer v = new FeatureVisualizer(runtime, Preprocessing.preset("imagenet"))) {
      return v.visualize(objectives, s, FeatureVisualizer.Listener.NONE);
    }
  }

  private static VisualizeSettings settings(Style style, int steps, long seed) {
    return VisualizeSettings.defaults(style).withSize(32).withSteps(steps).withSeed(seed);
  }

  @Test
  void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() {
    List<Objective> o = List.of(Objective.classLogit(1), Objective.channel("conv", 2));
    for (Style style : Style.values()) {
      List<Visualization> a = run(o, settings(style, 12, 7));
      List<Visualization> b = run(o, settings(style, 12, 7));
      List<Visualization> c = run(o, settings(style, 12, 8));
      for (int i = 0; i < o.size(); i++) {
        assertThat(b.get(i).image().pixels()).as(style + " " + i).isEqualTo(a.get(i).image().pixels());
        assertThat(c.get(i).image().pixels()).as(style + " " + i).isNotEqualTo(a.get(i).image().pixels());
      }
    }
  }

  @Test
  void ascentRaisesEveryKindOfObjective() {
    List<Objective> objectives = List.of(Objective.classLogit(3), Objective.channel("act", 4),
        Objective.neuron("conv", 1, 16, 16), Objective.dream("act"),
        Objective.sum(List.of(Objective.channel("act", 0), Objective.channel("act", 5))));
    for (Style style : Style.values()) {
      List<Visualization> start = run(objectives, settings(style, 1, 3));
      List<Visualization> end = run(objectives, settings(style, 40, 3));
      for (int i = 0; i < objectives.size(); i++) {
        assertThat(end.get(i).value()).as(style + " " + objectives.get(i).describe())
            .isGreaterThan(start.get(i).value() + 1e-3);
      }
      assertThat(end.get(0).probability()).isGreaterThan(start.get(0).probability());
      assertThat(end.get(1).probability()).isNaN();
    }
  }

  @Test
  void deepDreamValueIsHalfTheSquaredNormOfTheLayer() {
    List<Visualization> r = run(List.of(Objective.dream("act")), settings(Style.LUCID, 2, 1));
    Preprocessing p = Preprocessing.preset("imagenet");
    var input = p.normalize(r.get(0).image());
    var act = runtime.forward(new org.gradcam4j.runtime.FloatTensor(new long[] {1, 3, 32, 32}, input.data()),
        List.of("act")).get("act").data();
    double half = 0;
    for (float a : act) {
      half += 0.5 * a * a;
    }
    assertThat(r.get(0).value()).isCloseTo(half, org.assertj.core.data.Percentage.withPercentage(0.1));
  }

  @Test
  void aTargetProbabilityStopsEarly() {
    VisualizeSettings s = settings(Style.LUCID, 400, 0).withTargetProbability(0.9);
    // Classes 2 and 3 of this random model can reach 0.9 (others saturate lower).
    List<Visualization> r = run(List.of(Objective.classLogit(2), Objective.classLogit(3)), s);
    for (Visualization v : r) {
      assertThat(v.probability()).isGreaterThanOrEqualTo(0.9);
      assertThat(v.steps()).isLessThan(400);
    }
  }

  @Test
  void startsFromAnImage() {
    var photo = org.gradcam4j.image.RgbImage.blank(40, 40);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 40; x++) {
        photo.set(x, y, 0, x * 6);
        photo.set(x, y, 1, 128);
        photo.set(x, y, 2, 255 - y * 6);
      }
    }
    for (Style style : Style.values()) {
      var r = run(List.of(Objective.dream("act")), settings(style, 1, 0).withLearningRate(1e-6).withStart(photo));
      // Nearly no step: the result is the photo, resized to the canvas and cropped to 32 x 32.
      var img = r.get(0).image();
      assertThat(img.get(0, 16, 1)).as(style.key()).isBetween(124, 132);
      assertThat(img.get(31, 16, 0)).as(style.key()).isGreaterThan(img.get(0, 16, 0) + 100);
    }
  }

  @Test
  void errorsNameTheProblem() {
    VisualizeSettings s = settings(Style.SIMONYAN, 1, 0);
    assertThatThrownBy(() -> run(List.of(Objective.classLogit(5)), s)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("Class index 5 is out of range").hasMessageContaining("5 classes");
    assertThatThrownBy(() -> run(List.of(Objective.channel("act", 6)), s)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("Channel 6 is out of range").hasMessageContaining("6 channels");
    assertThatThrownBy(() -> run(List.of(Objective.neuron("act", 0, 32, 0)), s))
        .hasMessageContaining("outside layer act");
    assertThatThrownBy(() -> run(List.of(Objective.channel("nosuchlayer", 0)), s))
        .isInstanceOf(GradCamException.class).hasMessageContaining("nosuchlayer");
    assertThatThrownBy(() -> Objective.sum(List.of(Objective.classLogit(0), Objective.channel("act", 0))))
        .hasMessageContaining("same tensor");
  }

  @Test
  void parsesTheCommandLineForms() {
    assertThat(Objectives.parse("class:7")).isEqualTo(Objective.classLogit(7));
    assertThat(Objectives.parse("channel:a/b:c:3")).isEqualTo(Objective.channel("a/b:c", 3));
    assertThat(Objectives.parse("neuron:l:1:2:3")).isEqualTo(Objective.neuron("l", 1, 2, 3));
    assertThat(Objectives.parse("dream:x:y")).isEqualTo(Objective.dream("x:y"));
    assertThat(Objectives.parse("class:1+class:2")).isEqualTo(
        Objective.sum(List.of(Objective.classLogit(1), Objective.classLogit(2))));
    assertThatThrownBy(() -> Objectives.parse("channel:l:x")).hasMessageContaining("Invalid channel 'x'");
    assertThatThrownBy(() -> Objectives.parse("pixel:3")).hasMessageContaining("Unknown objective");
  }

  @Test
  void resultsKeepTheCallersOrderAcrossTensors() {
    List<Objective> o = new ArrayList<>(List.of(Objective.channel("act", 1), Objective.classLogit(2),
        Objective.channel("act", 3)));
    List<Visualization> r = run(o, settings(Style.SIMONYAN, 2, 0));
    assertThat(r.stream().map(Visualization::objective).toList()).isEqualTo(o);
  }
}
