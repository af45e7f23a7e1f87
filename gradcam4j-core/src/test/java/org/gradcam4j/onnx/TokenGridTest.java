package org.gradcam4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/** The patch grid, token layouts (ViT, DeiT, Swin, merged grids) and the spatial view's values. */
class TokenGridTest {
  /** A 16x16 image cut into 4x4 patches: a 4x4 grid of 8 channels. */
  private static GraphView patchModel() {
    GraphBuilder b = new GraphBuilder("test", 17);
    String x = b.input("x", DataType.FLOAT, 1, 3, 16, 16);
    String w = b.initializer("w", new long[] {8, 3, 4, 4}, new float[8 * 3 * 16]);
    b.node("Conv").inputs(x, w).attrInts("kernel_shape", 4, 4).attrInts("strides", 4, 4).outputNamed("patches");
    b.node("LayerNormalization").inputs("square", b.initializer("scale", new long[] {4}, new float[4]))
        .outputNamed("normalised");
    b.output("normalised", DataType.FLOAT);
    return OnnxModel.of(b.buildModel(), "test").graph();
  }

  private static ShapeTable shapes(Map<String, long[]> dims) {
    Map<String, ShapeTable.Entry> m = new HashMap<>();
    dims.forEach((k, v) -> m.put(k, new ShapeTable.Entry(DataType.FLOAT, new TensorShape(v))));
    return new ShapeTable(m, false, true);
  }

  @Test
  void findsTheGridAndTheLayoutOfEachKindOfTokenTensor() {
    GraphView graph = patchModel();
    ShapeTable shapes = shapes(Map.of(
        "patches", new long[] {1, 8, 4, 4},
        "vit", new long[] {1, 17, 8},
        "deit", new long[] {1, 18, 8},
        "merged", new long[] {1, 4, 16},
        "swin", new long[] {1, 2, 2, 16},
        "square", new long[] {1, 4, 4, 4},
        "other", new long[] {1, 40, 8}));
    TokenGrid grid = TokenGrid.of(graph, shapes).orElseThrow();
    assertThat(grid).isEqualTo(new TokenGrid(4, 4));
    assertThat(grid.layout(graph, shapes, "vit")).contains(new TokenGrid.Layout(1, 4, 4, false));
    assertThat(grid.layout(graph, shapes, "deit")).contains(new TokenGrid.Layout(2, 4, 4, false));
    assertThat(grid.layout(graph, shapes, "merged")).contains(new TokenGrid.Layout(0, 2, 2, false));
    assertThat(grid.layout(graph, shapes, "swin")).contains(new TokenGrid.Layout(0, 2, 2, true));
    // [N, 4, 4, 4] fits both layouts; the LayerNormalization over its last axis says channels-last.
    assertThat(grid.layout(graph, shapes, "square")).contains(new TokenGrid.Layout(0, 4, 4, true));
    assertThat(grid.layout(graph, shapes, "patches")).isEmpty();
    assertThat(grid.layout(graph, shapes, "other")).isEmpty();
  }

  @Test
  void aModelWithoutPatchEmbeddingHasNoGrid() {
    GraphView graph = OnnxModel.of(Models.single(new long[] {1, 3, 8, 8}, (b, x) -> b.op("Relu", x)), "test").graph();
    assertThat(TokenGrid.of(graph, shapes(Map.of("x", new long[] {1, 3, 8, 8})))).isEqualTo(Optional.empty());
  }

  @Test
  void theViewHoldsThePatchTokensOnTheGridAndTheModelComputesTheSame() {
    // Tokens [N, 5, 3]: a class token and a 2x2 grid of 3 channels; y = 2 * tokens.
    OnnxModel model = OnnxModel.of(Models.single(new long[] {2, 5, 3},
        (b, x) -> b.mul(b.node("Identity").inputs(x).outputNamed("tokens"), b.constScalar(2f))), "test");
    OnnxModel viewed = TokenGrid.withSpatialView(model, "tokens", new TokenGrid.Layout(1, 2, 2, false));
    assertThat(TokenGrid.withSpatialView(viewed, "tokens", new TokenGrid.Layout(1, 2, 2, false))).isSameAs(viewed);
    FloatTensor x = GradientCheck.gaussian(3, 2, 5, 3);
    String view = TokenGrid.viewName("tokens");
    try (OnnxSession s = new OnnxSession(OnnxModel.of(viewed.proto().toBuilder().setGraph(viewed.proto().getGraph()
        .toBuilder().addOutput(GraphBuilder.valueInfo(view, DataType.FLOAT))).build(), "viewed"), 1)) {
      Map<String, FloatTensor> out = s.run(Map.of("x", x), List.of("y", view));
      float[] y = out.get("y").data();
      for (int k = 0; k < y.length; k++) {
        assertThat(y[k]).isEqualTo(2 * x.data()[k]);
      }
      assertThat(out.get(view).shape()).containsExactly(2, 3, 2, 2);
      float[] v = out.get(view).data();
      for (int n = 0; n < 2; n++) {
        for (int c = 0; c < 3; c++) {
          for (int p = 0; p < 4; p++) {
            assertThat(v[((n * 3 + c) * 4) + p]).isEqualTo(x.data()[(n * 5 + 1 + p) * 3 + c]);
          }
        }
      }
    }
    // Every former reader of the tokens reads them back from the view.
    GraphView graph = viewed.graph();
    assertThat(graph.consumers("tokens")).allMatch(n -> n.getName().startsWith("tokens/grid/"));
  }
}
