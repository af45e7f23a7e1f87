package org.gradcam4j.inspect.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

class FilterTilesTest {
  /** x [N,3,10,10] -> Conv "rgb" w1 [4,3,3,3] -> Conv "grouped" w2 [6,2,3,3] group 2 -> Conv "depthwise" w3 [6,1,5,5] group 6. */
  static OnnxModel threeConvs() {
    GraphBuilder b = new GraphBuilder("convs", 17);
    String x = b.input("x", DataType.FLOAT, "N", 3L, 10L, 10L);
    String c1 = b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.3f, 4, 3, 3, 3)).outputNamed("c1");
    b.graph().setNode(0, b.graph().getNode(0).toBuilder().setName("rgb"));
    String c2 = b.node("Conv").inputs(c1, Models.weights(b, "w2", 2, 0.3f, 6, 2, 3, 3)).attr("group", 2L).outputNamed("c2");
    b.graph().setNode(1, b.graph().getNode(1).toBuilder().setName("grouped"));
    String c3 = b.node("Conv").inputs(c2, Models.weights(b, "w3", 3, 0.3f, 6, 1, 5, 5)).attr("group", 6L)
        .attrInts("pads", 2, 2, 2, 2).outputNamed("c3");
    b.output(c3, DataType.FLOAT);
    return OnnxModel.of(b.buildModel(), "convs");
  }

  private static float[] raw(OnnxModel m, String name) {
    return Tensors.toFloats(m.graph().initializers().get(name));
  }

  private static int expectedLevel(float w, float min, float max) {
    return (int) Math.round(255.0 * (w - min) / (max - min));
  }

  @Test
  void rgbTilesAreTheWeightsScaledPerFilter() {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w1");
    FilterTiles t = FilterTiles.of(ConvLayer.find(m, null), FilterScale.PER_FILTER, false);
    assertThat(t.layer().node()).isEqualTo("rgb");
    assertThat(t.colour()).isTrue();
    for (int f = 0; f < 4; f++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = f * 27; i < (f + 1) * 27; i++) {
        min = Math.min(min, w[i]);
        max = Math.max(max, w[i]);
      }
      RgbImage tile = t.tiles().get(f).get(0);
      assertThat(tile.width()).isEqualTo(3);
      int blacks = 0;
      int whites = 0;
      for (int ch = 0; ch < 3; ch++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            int level = tile.get(x, y, ch);
            assertThat(level).isEqualTo(expectedLevel(w[f * 27 + ch * 9 + y * 3 + x], min, max));
            blacks += level == 0 ? 1 : 0;
            whites += level == 255 ? 1 : 0;
          }
        }
      }
      // Per-filter scaling: every filter reaches both ends.
      assertThat(blacks).isPositive();
      assertThat(whites).isPositive();
    }
  }

  @Test
  void sharedScaleUsesTheLayersExtremes() {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w1");
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : w) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    FilterTiles t = FilterTiles.of(ConvLayer.find(m, "w1"), FilterScale.SHARED, false);
    for (int f = 0; f < 4; f++) {
      RgbImage tile = t.tiles().get(f).get(0);
      for (int ch = 0; ch < 3; ch++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            assertThat(tile.get(x, y, ch)).isEqualTo(expectedLevel(w[f * 27 + ch * 9 + y * 3 + x], min, max));
          }
        }
      }
    }
  }

  @Test
  void groupedFiltersShowOneGreyTilePerChannelOfTheirGroup() {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w2");
    ConvLayer l = ConvLayer.find(m, "grouped");
    assertThat(l.group()).isEqualTo(2);
    // 6 filters in 2 groups of 3; filter 4 is in group 1, which reads input channels 2 and 3.
    assertThat(l.inputChannel(4, 0)).isEqualTo(2);
    assertThat(l.inputChannel(4, 1)).isEqualTo(3);
    assertThat(l.inputChannel(2, 1)).isEqualTo(1);
    FilterTiles t = FilterTiles.of(l, FilterScale.PER_FILTER, false);
    for (int f = 0; f < 6; f++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = f * 18; i < (f + 1) * 18; i++) {
        min = Math.min(min, w[i]);
        max = Math.max(max, w[i]);
      }
      List<RgbImage> tiles = t.tiles().get(f);
      assertThat(tiles).hasSize(2);
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            int e = expectedLevel(w[f * 18 + c * 9 + y * 3 + x], min, max);
            assertThat(tiles.get(c).get(x, y, 0)).isEqualTo(e);
            assertThat(tiles.get(c).get(x, y, 2)).isEqualTo(e);
          }
        }
      }
    }
  }

  @Test
  void channelMeanTilesAreScaledOnTheMeans() {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w2");
    FilterTiles t = FilterTiles.of(ConvLayer.find(m, "c2"), FilterScale.PER_FILTER, true);
    for (int f = 0; f < 6; f++) {
      float[] mean = new float[9];
      for (int p = 0; p < 9; p++) {
        mean[p] = (float) ((w[f * 18 + p] + (double) w[f * 18 + 9 + p]) / 2);
      }
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (float v : mean) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      RgbImage tile = t.tiles().get(f).get(0);
      for (int p = 0; p < 9; p++) {
        assertThat(tile.get(p % 3, p / 3, 1)).isEqualTo(expectedLevel(mean[p], min, max));
      }
    }
  }

  @Test
  void depthwiseFiltersAreOneTileEach() {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w3");
    FilterTiles t = FilterTiles.of(ConvLayer.find(m, "c3"), FilterScale.PER_FILTER, false);
    assertThat(t.tiles()).hasSize(6).allSatisfy(tiles -> assertThat(tiles).hasSize(1));
    assertThat(t.layer().inputChannel(5, 0)).isEqualTo(5);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 3 * 25; i < 4 * 25; i++) {
      min = Math.min(min, w[i]);
      max = Math.max(max, w[i]);
    }
    RgbImage tile = t.tiles().get(3).get(0);
    assertThat(tile.width()).isEqualTo(5);
    assertThat(tile.get(4, 2, 0)).isEqualTo(expectedLevel(w[3 * 25 + 2 * 5 + 4], min, max));
  }

  @Test
  void thePngShowsTheScaledWeightsBlockByBlock(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    OnnxModel m = threeConvs();
    float[] w = raw(m, "w2");
    FilterTiles t = FilterTiles.of(ConvLayer.find(m, "grouped"), FilterScale.PER_FILTER, false);
    FilterView.write(t, tmp, 64, 16);
    RgbImage png = org.gradcam4j.image.ImageDecoder.read(tmp.resolve("filters.png"));
    org.gradcam4j.image.Montage layout = FilterView.sheet(t, 6, 16);
    int factor = FilterView.enlargement(t.layer());
    assertThat(factor).isEqualTo(16);
    for (int f = 0; f < 6; f++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int i = f * 18; i < (f + 1) * 18; i++) {
        min = Math.min(min, w[i]);
        max = Math.max(max, w[i]);
      }
      for (int c = 0; c < 2; c++) {
        org.gradcam4j.image.Montage.Position o = layout.tileOrigin(f, c);
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            int e = expectedLevel(w[f * 18 + c * 9 + y * 3 + x], min, max);
            // Every pixel of the block, corners included.
            assertThat(png.get(o.x() + x * factor, o.y() + y * factor, 1)).isEqualTo(e);
            assertThat(png.get(o.x() + x * factor + factor - 1, o.y() + y * factor + factor - 1, 1)).isEqualTo(e);
          }
        }
      }
    }
  }

  @Test
  void anUnknownLayerIsNamedWithTheConvolutionsThereAre() {
    assertThatThrownBy(() -> ConvLayer.find(threeConvs(), "nope"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("'nope'").hasMessageContaining("rgb, grouped");
  }
}
