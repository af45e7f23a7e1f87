package org.gradcam4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(2.5);
    assertThat(Bootstrap.quantile(sorted, 0.25)).isEqualTo(1.75);
    assertThat(Bootstrap.quantile(sorted, 0)).isEqualTo(1);
    assertThat(Bootstrap.quantile(sorted, 1)).isEqualTo(4);
  }

  @Test
  void constantValuesHaveAZeroWidthInterval() {
    Summary s = Bootstrap.defaults().summarize(new double[] {0.3, 0.3, 0.3, 0.3});
    assertThat(s).isEqualTo(new Summary(4, 0.3, 0.3, 0.3));
  }

  @Test
  void intervalAroundTheMeanOfNormalData() {
    // 400 draws of N(1, 1): the 95 % interval of the mean is about 1 +- 1.96 / 20
    SplittableRandom rng = new SplittableRandom(8);
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) {
      double u1 = 1 - rng.nextDouble();
      double u2 = rng.nextDouble();
      v[i] = 1 + Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
    Summary s = Bootstrap.defaults().summarize(v);
    assertThat(s.n()).isEqualTo(400);
    assertThat(s.lo()).isLessThan(s.mean());
    assertThat(s.hi()).isGreaterThan(s.mean());
    assertThat(s.hi() - s.lo()).isCloseTo(2 * 1.96 / 20, within(0.04));
    assertThat(s.mean()).isCloseTo(1, within(0.15));
  }

  @Test
  void seededAndIgnoringNaN() {
    double[] v = {0.1, 0.5, Double.NaN, 0.9, 0.2, 0.4};
    Summary a = new Bootstrap(500, 0.9, 7).summarize(v);
    Summary b = new Bootstrap(500, 0.9, 7).summarize(v);
    assertThat(a).isEqualTo(b);
    assertThat(a.n()).isEqualTo(5);
    assertThat(a.mean()).isCloseTo(0.42, within(1e-12));
    assertThat(new Bootstrap(500, 0.9, 8).summarize(v)).isNotEqualTo(a);
    assertThat(Bootstrap.defaults().summarize(new double[] {Double.NaN}).n()).isZero();
    assertThat(Bootstrap.defaults().summarize(new double[] {2}).format(1)).isEqualTo("2.0 [2.0, 2.0]");
  }

  @Test
  void formatsAsMeanAndInterval() {
    assertThat(new Summary(3, 0.12345, 0.1, 0.15).format(3)).isEqualTo("0.123 [0.100, 0.150]");
    assertThat(Summary.empty().format(3)).isEqualTo("n/a");
  }
}
