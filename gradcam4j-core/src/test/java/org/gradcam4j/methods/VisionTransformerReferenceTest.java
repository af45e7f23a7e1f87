package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.ReferenceCases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small torchvision ViT and Swin models (random weights, made by fixtures/vision_transformers.py):
 * Grad-CAM, Grad-CAM++ and LayerCAM on their token layers against pytorch-grad-cam with its
 * reshape_transform, and the two attention rollouts against NumPy computations from the attention
 * probabilities recomputed in PyTorch.
 *
 * <p>{@code -Dgradcam4j.transformers=DIR} runs the same comparisons on the files that
 * {@code fixtures/vision_transformers.py --full DIR} writes (full-size ViT-B/16 and Swin-T, too large
 * to keep); the checks that know the small fixtures' sizes then skip.
 */
class VisionTransformerReferenceTest {
  /** Relative max error allowed for the CAMs; about 1e-6 is typical, as for the CNNs. */
  static final double CAM_TOLERANCE = 2e-5;
  /** The rollouts multiply float32 attention matrices over the blocks. */
  static final double ROLLOUT_TOLERANCE = 1e-4;

  /** A folder of full-size models and references, instead of the small fixtures. */
  private static final String FULL = System.getProperty("gradcam4j.transformers");

  private static Path dir;
  private static Explainer vit;
  private static Explainer swin;

  @BeforeAll
  static void load() throws URISyntaxException {
    dir = FULL != null ? Path.of(FULL)
        : Path.of(VisionTransformerReferenceTest.class.getResource("/org/gradcam4j/transformers/vit.onnx").toURI())
            .getParent();
    vit = Explainer.load(dir.resolve("vit.onnx"));
    swin = Explainer.load(dir.resolve("swin.onnx"));
  }

  @AfterAll
  static void close() {
    vit.close();
    swin.close();
  }

  private static FloatTensor input(String model) {
    Npy.Array a = Npy.read(dir.resolve(model + ".input.npy"));
    return new FloatTensor(a.shape(), a.data());
  }

  private static int[] classes(String model) throws java.io.IOException {
    return java.util.Arrays.stream(Files.readString(dir.resolve(model + ".classes.txt")).trim().split(" "))
        .mapToInt(Integer::parseInt).toArray();
  }

  private static float[] reference(String name) {
    return Npy.read(dir.resolve(name)).data();
  }

  @Test
  void theExportsComputeWhatPyTorchComputed() {
    for (String model : List.of("vit", "swin")) {
      Explainer e = model.equals("vit") ? vit : swin;
      FloatTensor scores = e.forward(input(model), List.of("logits")).get("logits");
      assertThat(ReferenceCases.relativeMaxError(scores.data(), reference(model + ".logits.npy"))).as(model)
          .isLessThan(1e-4);
    }
  }

  @Test
  void theDefaultLayerIsTheSpatialViewOfTheLastBlocksFirstNormalisation() {
    assumeTrue(FULL == null, "sizes of the small fixtures");
    long[] shape = input("vit").shape();
    String vitLayer = vit.resolveLayer(null, shape, null);
    assertThat(vitLayer).contains("encoder_layer_1/ln_1").endsWith("/spatial");
    assertThat(vit.shapes(shape).shape(vitLayer).dims()).containsExactly(TensorShape.BATCH, 32, 8, 8);
    // Swin's fixture is an opset 14 export: its normalisations are written out op by op.
    String swinLayer = swin.resolveLayer(null, shape, null);
    assertThat(swinLayer).contains("features.3/features.3.1/norm1").endsWith("/spatial");
    assertThat(swin.shapes(shape).shape(swinLayer).dims()).containsExactly(TensorShape.BATCH, 48, 8, 8);
  }

  @Test
  void camsOnVitAndSwinMatchPytorchGradCamWithItsReshapeTransform() throws Exception {
    Map<String, CamWeighting> methods = Map.of("GradCAM", new GradCamWeighting(),
        "GradCAMPlusPlus", new GradCamPlusPlusWeighting(), "LayerCAM", new LayerCamWeighting());
    List<String> report = new ArrayList<>();
    for (String model : List.of("vit", "swin")) {
      Explainer e = model.equals("vit") ? vit : swin;
      for (Map.Entry<String, CamWeighting> m : methods.entrySet()) {
        double worst = 0;
        for (int c : classes(model)) {
          Explanation x = e.explain(input(model), ExplainRequest.gradCam().withMethod(m.getValue())
              .withTarget(Target.classIndex(c))).get(0);
          double error = ReferenceCases.relativeMaxError(x.lowRes().data(),
              reference(model + "." + m.getKey() + ".c" + c + ".npy"));
          assertThat(error).as("%s %s class %d", model, m.getKey(), c).isLessThan(CAM_TOLERANCE);
          worst = Math.max(worst, error);
        }
        report.add(String.format("%s %s %.1e", model, m.getKey(), worst));
      }
    }
    System.out.println("Transformer CAMs vs pytorch-grad-cam, worst relative max error: " + report);
  }

  @Test
  void attentionRolloutMatchesNumPy() {
    Explanation x = vit.explain(input("vit"), ExplainRequest.of("attention-rollout")).get(0);
    double error = ReferenceCases.relativeMaxError(x.lowRes().data(), reference("vit.rollout.npy"));
    System.out.printf("attention-rollout vs NumPy: %.1e%n", error);
    assertThat(error).isLessThan(ROLLOUT_TOLERANCE);
  }

  @Test
  void theAttentionFoundInTheGraphIsTheAttentionPyTorchComputed() {
    AttentionBlocks blocks = AttentionBlocks.find(vitContext(), "test");
    assertThat(blocks.tensors()).hasSize(FULL == null ? 2 : 12);
    Map<String, FloatTensor> out = vit.forward(input("vit"), blocks.tensors());
    float[] expected = reference("vit.attention.npy");
    List<Float> actual = new ArrayList<>();
    for (String t : blocks.tensors()) {
      for (float[] head : blocks.heads(out.get(t), 1, 0)) {
        for (float v : head) {
          actual.add(v);
        }
      }
    }
    float[] a = new float[actual.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = actual.get(k);
    }
    assertThat(ReferenceCases.relativeMaxError(a, expected)).isLessThan(1e-5);
  }

  @Test
  void gradientAttentionRolloutMatchesNumPy() throws Exception {
    for (int c : classes("vit")) {
      Explanation x = vit.explain(input("vit"), ExplainRequest.of("grad-attention-rollout")
          .withTarget(Target.classIndex(c))).get(0);
      double error = ReferenceCases.relativeMaxError(x.lowRes().data(), reference("vit.gradrollout.c" + c + ".npy"));
      System.out.printf("grad-attention-rollout class %d vs NumPy: %.1e%n", c, error);
      assertThat(error).as("class %d", c).isLessThan(ROLLOUT_TOLERANCE);
    }
  }

  @Test
  void rolloutOnWindowedAttentionIsRefusedByName() {
    assertThatThrownBy(() -> swin.explain(input("swin"), ExplainRequest.of("attention-rollout")))
        .isInstanceOf(GradCamException.class).hasMessageContaining("attention-rollout")
        .hasMessageContaining("Swin");
  }

  @Test
  void everyCamMethodRunsOnTheTokenLayer() {
    assumeTrue(FULL == null, "sizes of the small fixtures");
    for (String method : List.of("scorecam", "ablationcam", "eigencam", "eigengradcam", "xgradcam", "hirescam")) {
      Explanation x = vit.explain(input("vit"), ExplainRequest.of(method)).get(0);
      assertThat(x.lowRes().shape()).as(method).containsExactly(8, 8);
    }
  }

  @Test
  void theRolloutsAreNamedExplicitlyAndLeftOutOfAll() {
    List<ExplanationMethod> all = Methods.parseList("all");
    for (String name : List.of("attention-rollout", "grad-attention-rollout")) {
      assertThat(Methods.byName(name).name()).isEqualTo(name);
      assertThat(all).doesNotContain(Methods.byName(name));
    }
    assertThat(all).contains(Methods.byName("gradcam"));
  }

  private static MethodContext vitContext() {
    FloatTensor in = input("vit");
    return new MethodContext(vit.runtime(), in, List.of(Target.topPrediction()), List.of(vit.resolveLayer(null, in.shape(), null)),
        vit.defaultScoreTensor(), MethodOptions.defaults());
  }
}
