package org.gradcam4j.diagnose.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradcam4j.eval.SaliencyMap;
import org.junit.jupiter.api.Test;

/** Pointing agreement against the distance between two maps' maxima, checked over every placement. */
class PointingAgreementTest {
  private static final int SIZE = 40;

  private static SaliencyMap peakAt(int x, int y) {
    float[] v = new float[SIZE * SIZE];
    for (int py = 0; py < SIZE; py++) {
      for (int px = 0; px < SIZE; px++) {
        // A smooth bump, so the maximum is a single pixel among many non-zero values.
        v[py * SIZE + px] = (float) Math.exp(-((px - x) * (px - x) + (py - y) * (py - y)) / 50.0);
      }
    }
    return SaliencyMap.of(v, SIZE, SIZE);
  }

  @Test
  void agreesExactlyWhenTheMaximaAreWithinTheTolerance() {
    SaliencyMap first = peakAt(12, 20);
    for (int y = 0; y < SIZE; y += 3) {
      for (int x = 0; x < SIZE; x += 3) {
        PointingAgreement a = PointingAgreement.of(first, peakAt(x, y), 10);
        assertThat(a.x()).isEqualTo(12);
        assertThat(a.y()).isEqualTo(20);
        assertThat(a.otherX()).isEqualTo(x);
        assertThat(a.otherY()).isEqualTo(y);
        double distance = Math.hypot(x - 12, y - 20);
        assertThat(a.distance()).isEqualTo(distance);
        assertThat(a.agrees()).as("(%d, %d) at %.2f px", x, y, distance).isEqualTo(distance <= 10);
      }
    }
  }
}
