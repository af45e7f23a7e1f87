package org.gradcam4j.inspect.embed.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UmapTest {
  @Test
  void returnsExactlyOnePointPerInputAndKeepsTheDigitsApart() throws Exception {
    MapQuality.Digits d = MapQuality.digits();
    double[][] y = Umap.run(d.x(), Umap.Settings.defaults(), 1, null);
    assertThat(y).hasNumberOfRows(d.x().length);
    assertThat(Arrays.stream(y).allMatch(p -> p.length == 2 && Double.isFinite(p[0]) && Double.isFinite(p[1])))
        .isTrue();
    double acc = MapQuality.knnAccuracy(y, d.y(), 10);
    double trust = MapQuality.trustworthiness(d.x(), y, 5);
    System.out.printf("digits UMAP: trustworthiness(5) %.4f, 10-NN accuracy %.4f%n", trust, acc);
    assertThat(acc).isGreaterThan(0.9);
    // Same seed, same map.
    assertThat(Umap.run(Arrays.copyOf(d.x(), 300), Umap.Settings.defaults(), 7, null))
        .isDeepEqualTo(Umap.run(Arrays.copyOf(d.x(), 300), Umap.Settings.defaults(), 7, null));
  }

  @Test
  void membershipsSumToLogTwoOfK() {
    double[] dist = {0.5, 0.7, 0.9, 1.4, 2.0, 2.2, 3.1, 3.3, 4.0, 4.5, 5.0, 6.0, 6.1, 7.0, 9.0};
    double[] w = Umap.memberships(dist, Math.log(15) / Math.log(2));
    assertThat(w[0]).isEqualTo(1.0);
    assertThat(Arrays.stream(w).sum()).isCloseTo(Math.log(15) / Math.log(2), offset(1e-4));
  }
}
