package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodOptionsTest {
  @Test
  void aBuilderChangesOnlyWhatItIsTold() {
    MethodOptions d = MethodOptions.defaults();
    MethodOptions changed = d.toBuilder().occlusionWindow(8).occlusionStride(4).build();
    assertThat(changed.occlusionWindow()).isEqualTo(8);
    assertThat(changed.occlusionStride()).isEqualTo(4);
    assertThat(changed.toBuilder().occlusionWindow(d.occlusionWindow()).occlusionStride(d.occlusionStride()).build())
        .isEqualTo(d);
    assertThat(new MethodOptions.Builder().build()).isEqualTo(d);
  }

  /** Evaluation runs fingerprint the options by their text: the enums read as the words the CLI takes. */
  @Test
  void theTextOfTheOptionsNamesSmoothGradTypeAndBaselineByTheirCliWords() {
    String text = MethodOptions.defaults().toBuilder().smoothType(SmoothGrad.Type.SMOOTHGRAD_SQ)
        .igBaseline(IntegratedGradients.Baseline.BLUR).build().toString();
    assertThat(text).contains("smoothType=smoothgrad_sq").contains("igBaseline=blur");
    assertThat(MethodOptions.defaults().toString()).contains("smoothType=smoothgrad,").contains("igBaseline=zero,");
  }
}
