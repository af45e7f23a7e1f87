package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.junit.jupiter.api.Test;

class ExplanationTest {
  private static Explanation of(Explanation.Payload payload) {
    return new Explanation("m", Target.topPrediction(), 1, 2f, null, "y", new float[] {0, 2}, new float[] {0, 1},
        payload);
  }

  @Test
  void eachPayloadAnswersOnlyItsOwnAccessors() {
    FloatTensor map = new FloatTensor(new long[] {2, 2}, new float[] {0, 1, 2, 4});
    Explanation layer = of(new Explanation.LayerMap(map, new float[] {0.5f}));
    assertThat(layer.lowRes()).isSameAs(map);
    assertThat(layer.channelWeights()).containsExactly(0.5f);
    assertThat(layer.attribution()).isNull();
    assertThat(layer.inputMap()).isNull();

    FloatTensor pixels = new FloatTensor(new long[] {1, 2, 2}, new float[] {0, -1, 2, -4});
    Explanation pixel = of(new Explanation.PixelAttribution(pixels));
    assertThat(pixel.attribution()).isSameAs(pixels);
    assertThat(pixel.lowRes()).isNull();
    assertThat(pixel.channelWeights()).isNull();
    assertThat(pixel.inputMap()).isNull();

    Explanation input = of(new Explanation.InputMap(map));
    assertThat(input.inputMap()).isSameAs(map);
    assertThat(input.lowRes()).isNull();
    assertThat(input.withMethod("other").payload()).isSameAs(input.payload());
  }

  @Test
  void displayMapsScaleEveryKindToTheUnitRange() {
    FloatTensor map = new FloatTensor(new long[] {2, 2}, new float[] {0, 1, 2, 4});
    assertThat(of(new Explanation.InputMap(map)).displayMap(2, 2)).containsExactly(0f, 0.25f, 0.5f, 1f);
    FloatTensor pixels = new FloatTensor(new long[] {1, 2, 2}, new float[] {0, -1, 2, -4});
    // Absolute values summed over channels.
    assertThat(of(new Explanation.PixelAttribution(pixels)).displayMap(2, 2)).containsExactly(0f, 0.25f, 0.5f, 1f);
    assertThatThrownBy(() -> of(null)).isInstanceOf(NullPointerException.class);
  }
}
