package org.gradcam4j.inspect.patches;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field walker follows the real networks to every convolution before global pooling (residual Adds, Concats of fire
 * modules, Clip activations) and its fields obey what the walk must: strides are powers of two that never
 * shrink along the graph, and each unit's reached pixels lie inside its box.
 */
class RealModelFieldsTest {
  @ParameterizedTest
  @ValueSource(strings = {SharedData.SQUEEZENET, SharedData.MOBILENET_V2, SharedData.MOBILENET_V1})
  void everyConvolutionHasAField(String file) {
    long[] shape = {1, 3, 224, 224};
    try (ModelRuntime runtime = new ModelRuntime(OnnxModel.load(SharedData.model(file)), 1)) {
      int convs = 0;
      int lastStride = 1;
      int lastHeight = 1;
      for (NodeProto n : runtime.model().graph().nodes()) {
        // Classifier convolutions after global pooling (1x1 maps) see the whole image by construction.
        if (!n.getOpType().equals("Conv") || runtime.shapes(shape).shape(n.getOutput(0)).dim(2) == 1) {
          continue;
        }
        ReceptiveField f = ReceptiveField.of(runtime.model().graph(), runtime.shapes(shape), runtime.imageInput(),
            n.getOutput(0));
        assertThat(Integer.bitCount(f.strideY())).isEqualTo(1);
        assertThat(f.strideY()).isEqualTo(f.strideX()).isGreaterThanOrEqualTo(lastStride);
        assertThat(f.height()).isEqualTo(f.width()).isGreaterThanOrEqualTo(lastHeight);
        lastStride = f.strideY();
        lastHeight = f.height();
        long h = runtime.shapes(shape).shape(n.getOutput(0)).dim(2);
        int mid = (int) (h / 2);
        int[] box = f.box(mid, mid);
        int[] seen = f.seenBox(mid, mid);
        assertThat(seen[0]).isGreaterThanOrEqualTo(Math.max(0, box[0]));
        assertThat(seen[2]).isLessThanOrEqualTo(Math.min(224, box[2]));
        assertThat(seen[2]).isGreaterThan(seen[0]);
        convs++;
      }
      assertThat(convs).isGreaterThan(20);
    }
  }
}
