package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.ReferenceCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model whose input declares a fixed batch of 2 only runs full batches of 2: the methods that score
 * many copies (and augmentation smoothing) must run them two at a time, padding the last batch, and
 * still get the results of the same network with a free batch size.
 */
class FixedBatchModelTest {
  @ParameterizedTest
  @ValueSource(strings = {"scorecam", "ablationcam", "occlusion", "rise", "fullgrad", "gradcam+aug", "scorecam+aug"})
  void methodsRunOnAModelWithAFixedBatchOfTwo(String variant) {
    String method = variant.split("\\+")[0];
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, false);
    ModelProto proto = net.model().proto();
    var graph = proto.getGraph().toBuilder();
    var input = graph.getInput(0).toBuilder();
    input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimParam().setDimValue(2);
    graph.setInput(0, input);
    OnnxModel fixed = OnnxModel.of(proto.toBuilder().setGraph(graph).build(), "fixed batch");
    FloatTensor images = TinyNets.images(61, 2);
    // Batch size 32 would not fit; 9 occlusion windows, 9 RISE masks and 6 channels (+1) leave a last
    // batch of 1; augmentation smoothing would make batches of 12.
    MethodOptions options = MethodOptions.defaults().toBuilder().occlusionWindow(4).occlusionStride(2).riseMasks(9)
        .riseCells(4).seed(5).augSmooth(variant.endsWith("+aug")).build();
    ExplainRequest request = ExplainRequest.of(method).withLayer(TinyNets.LAYER).withOptions(options);
    try (Explainer free = net.explainer(); Explainer two = Explainer.of(fixed, 1)) {
      assertThat(two.declaredInputShape()[0]).isEqualTo(2);
      List<Explanation> expected = free.explain(images, request);
      List<Explanation> actual = two.explain(images, request);
      for (int i = 0; i < 2; i++) {
        float[] e = expected.get(i).lowRes() != null ? expected.get(i).lowRes().data() : expected.get(i).inputMap().data();
        float[] a = actual.get(i).lowRes() != null ? actual.get(i).lowRes().data() : actual.get(i).inputMap().data();
        // Against an all-zero reference the relative error is the raw error: two blank maps would pass.
        float max = 0;
        for (float v : e) {
          max = Math.max(max, Math.abs(v));
        }
        assertThat(max).as("a blank map would prove nothing (%s, image %d)", variant, i).isGreaterThan(0f);
        assertThat(ReferenceCases.relativeMaxError(a, e)).as(variant + ", image " + i).isLessThan(1e-5);
      }
    }
  }
}
