package org.gradcam4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/** Batch-dependent dimensions learned by probing, and shapes fixed for one batch size from them. */
class ShapeProbeTest {
  private static final long[] SHAPE = {1, 2, 3, 3};

  private static ShapeTable probe(OnnxModel model) {
    return ShapeProbe.probe(ModelPreparer.prepare(model), "x", new long[] {4, 2, 3, 3}, true);
  }

  @Test
  void theBatchDimensionIsFoundAndCanBeFixed() {
    OnnxModel model = OnnxModel.of(Models.single(SHAPE, (b, x) -> b.relu(x)), "relu");
    ShapeTable generic = probe(model);
    assertThat(generic.batchGeneric()).isTrue();
    String y = model.graph().outputNames().get(0);
    assertThat(generic.shape(y).dims()).containsExactly(TensorShape.BATCH, 2, 3, 3);

    ShapeTable five = generic.forBatch(5).orElseThrow();
    assertThat(five.batchGeneric()).isFalse();
    assertThat(five.shape(y).dims()).containsExactly(5, 2, 3, 3);
    assertThat(five.shape("x").dims()).containsExactly(5, 2, 3, 3);
  }

  /** A tensor twice the batch (two images stacked) cannot be told apart from one of the batch size. */
  @Test
  void shapesAreNotFixedWhenADimensionIsAMultipleOfTheBatch() {
    OnnxModel model = OnnxModel.of(Models.single(SHAPE,
        (b, x) -> b.node("Concat").inputs(x, x).attr("axis", 0L).output()), "stacked");
    ShapeTable generic = probe(model);
    assertThat(generic.batchGeneric()).isTrue();
    assertThat(generic.forBatch(5)).isEmpty();
  }
}
