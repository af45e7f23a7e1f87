package org.gradcam4j.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  @Test
  void thePresetsAreTheKnownRecipes() {
    Preprocessing imagenet = PreprocessingPresets.values("imagenet");
    assertThat(imagenet.channelOrder()).isEqualTo("RGB");
    assertThat(imagenet.scale()).isCloseTo(1 / 255f, within(1e-9f));
    assertThat(imagenet.mean()).containsExactly(0.485f, 0.456f, 0.406f);
    assertThat(imagenet.std()).containsExactly(0.229f, 0.224f, 0.225f);
    assertThat(imagenet.resize()).isEqualTo(256);
    assertThat(imagenet.crop()).isEqualTo(224);

    Preprocessing caffe = PreprocessingPresets.values("caffe-bgr");
    assertThat(caffe.channelOrder()).isEqualTo("BGR");
    assertThat(caffe.scale()).isEqualTo(1f);
    assertThat(caffe.mean()).containsExactly(103.939f, 116.779f, 123.68f); // B, G, R

    // inception maps 0..255 to -1..1
    Preprocessing inception = PreprocessingPresets.values("inception");
    assertThat((0 * inception.scale() - inception.mean().get(0)) / inception.std().get(0)).isEqualTo(-1f);
    assertThat((255 * inception.scale() - inception.mean().get(0)) / inception.std().get(0)).isCloseTo(1f, within(1e-6f));

    assertThat(PreprocessingPresets.names()).containsExactly("imagenet", "caffe-bgr", "inception", "none");
  }

  @Test
  void explicitValuesOverrideThePreset() {
    Preprocessing densenet = new Preprocessing("caffe-bgr", null, null, null, null,
        List.of(103.94f, 116.78f, 123.68f), List.of(58.8235294f, 58.8235294f, 58.8235294f), null).resolved();

    assertThat(densenet.preset()).isEqualTo("caffe-bgr");
    assertThat(densenet.channelOrder()).isEqualTo("BGR");
    assertThat(densenet.resize()).isEqualTo(256);
    assertThat(densenet.mean()).containsExactly(103.94f, 116.78f, 123.68f);
    assertThat(densenet.std().get(0)).isEqualTo(58.8235294f);
    assertThat(densenet.isExplicit()).isTrue();
  }

  @Test
  void withoutAPresetUnsetValuesMeanNoNormalisation() {
    Preprocessing p = new Preprocessing(null, 300, null, null, null, null, null, null).resolved();
    assertThat(p.resize()).isEqualTo(300);
    assertThat(p.scale()).isEqualTo(1f);
    assertThat(p.mean()).containsExactly(0f, 0f, 0f);
    assertThat(p.std()).containsExactly(1f, 1f, 1f);
  }

  @Test
  void impossibleValuesAreRejected() {
    assertThatThrownBy(() -> new Preprocessing(null, 0, null, null, null, null, null, null))
        .hasMessageContaining("resize must be a positive");
    assertThatThrownBy(() -> new Preprocessing(null, null, null, null, null, null, List.of(1f, 0f, 1f), null))
        .hasMessageContaining("std values must not be 0");
    assertThatThrownBy(() -> new Preprocessing(null, null, null, null, -1f, null, null, null))
        .hasMessageContaining("scale must be a positive");
    assertThatThrownBy(() -> new Preprocessing(null, null, null, null, null, null, null, "CHW"))
        .hasMessageContaining("layout must be");
    assertThatThrownBy(() -> PreprocessingPresets.values("torch"))
        .hasMessageContaining("unknown preprocessing preset 'torch'");
  }
}
