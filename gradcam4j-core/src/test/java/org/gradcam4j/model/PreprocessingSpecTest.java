package org.gradcam4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import org.junit.jupiter.api.Test;

class PreprocessingSpecTest {
  @Test
  void aPresetNameGivesThatPreset() {
    assertThat(PreprocessingSpec.preset("caffe-bgr").toPreprocessing()).isEqualTo(Preprocessing.preset("caffe-bgr"));
  }

  @Test
  void explicitValuesOverrideThePreset() {
    Preprocessing p = new PreprocessingSpec("caffe-bgr", 224, 224, null, null,
        List.of(103.94f, 116.78f, 123.68f), List.of(58.8f, 58.8f, 58.8f), null).toPreprocessing();
    assertThat(p.resize()).isEqualTo(224);
    assertThat(p.channelOrder()).isEqualTo(ChannelOrder.BGR);
    assertThat(p.mean()).containsExactly(103.94f, 116.78f, 123.68f);
    assertThat(p.std()).containsExactly(58.8f, 58.8f, 58.8f);
    assertThat(p.divisor()).isEqualTo(1f);
  }

  @Test
  void scaleIsAMultiplier() {
    Preprocessing p = new PreprocessingSpec(null, null, null, "RGB", 0.5f, null, null, null).toPreprocessing();
    assertThat(p.divisor()).isEqualTo(2f);
  }

  @Test
  void badValuesAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> new PreprocessingSpec("torch", -1, null, "RBG", null, List.of(1f), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown preset 'torch'")
        .hasMessageContaining("resize")
        .hasMessageContaining("channelOrder")
        .hasMessageContaining("mean needs exactly 3 values");
  }

  @Test
  void channelsLastIsPreprocessedAsChannelsFirst() {
    // The model's channels-last input is turned channels-first when it is prepared, so the pixels are
    // pre-processed the same way for both layouts.
    PreprocessingSpec nhwc = new PreprocessingSpec(null, 256, 224, "RGB", 1f, List.of(127f, 127f, 127f),
        List.of(128f, 128f, 128f), "NHWC");
    PreprocessingSpec nchw = new PreprocessingSpec(null, 256, 224, "RGB", 1f, List.of(127f, 127f, 127f),
        List.of(128f, 128f, 128f), "NCHW");
    assertThat(nhwc.toPreprocessing()).isEqualTo(nchw.toPreprocessing());
  }
}
