package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradcam4j.eval.run.SquareWorld;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.junit.jupiter.api.Test;

class ModelRandomizationTest {
  private static float[] values(OnnxModel m, String name) {
    TensorProto t = m.graph().initializers().get(name);
    return Tensors.toFloats(t);
  }

  private static double rms(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s / v.length);
  }

  @Test
  void layersAreFoundFromTheOutputDownWithTheirWeightsAndBiases() {
    List<ModelRandomization.Layer> layers = ModelRandomization.topDown(SquareWorld.model());
    assertThat(layers).extracting(ModelRandomization.Layer::name).containsExactly("fc_w", "bright_w");
    assertThat(layers.get(0).initializers()).containsExactly("fc_w", "fc_b");
    assertThat(layers.get(1).initializers()).containsExactly("bright_w", "bright_b");
  }

  @Test
  void theCascadeRandomisesOneMoreLayerPerStepAndKeepsEarlierRandomWeights() {
    OnnxModel model = SquareWorld.model();
    List<ModelRandomization.Layer> layers = ModelRandomization.topDown(model);
    OnnxModel step1 = ModelRandomization.randomiseTop(model, layers, 1, 7);
    OnnxModel step2 = ModelRandomization.randomiseTop(model, layers, 2, 7);

    float[] fc = values(model, "fc_w");
    float[] fc1 = values(step1, "fc_w");
    assertThat(fc1).hasSameSizeAs(fc).isNotEqualTo(fc);
    assertThat(Tensors.dims(step1.graph().initializers().get("fc_w"))).containsExactly(4, 4);
    // Same scale, random signs.
    assertThat(rms(fc1)).isCloseTo(rms(fc), within(0.6 * rms(fc)));
    long negative = 0;
    for (float v : fc1) {
      negative += v < 0 ? 1 : 0;
    }
    assertThat(negative).isBetween(2L, 14L);
    // An all-zero bias has no scale to copy and stays zero.
    assertThat(values(step1, "fc_b")).containsOnly(0f);
    // Lower layers and non-parametrised constants are untouched in step 1.
    assertThat(values(step1, "bright_w")).containsExactly(values(model, "bright_w"));
    assertThat(values(step1, "quadrant_masks")).containsExactly(values(model, "quadrant_masks"));
    // Step 2 keeps step 1's random top layer and randomises the next.
    assertThat(values(step2, "fc_w")).containsExactly(fc1);
    assertThat(values(step2, "bright_w")).isNotEqualTo(values(model, "bright_w"));
    assertThat(values(step2, "bright_b")).isNotEqualTo(values(model, "bright_b"));
    // Another seed, other weights.
    assertThat(values(ModelRandomization.randomiseTop(model, layers, 1, 8), "fc_w")).isNotEqualTo(fc1);
  }
}
