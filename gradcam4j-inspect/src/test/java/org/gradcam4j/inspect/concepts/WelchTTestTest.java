package org.gradcam4j.inspect.concepts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class WelchTTestTest {
  @Test
  void studentTailsMatchTheClosedFormsOfOneAndTwoDegreesOfFreedom() {
    for (double t : new double[] {0, 0.3, 1, 2.5, 7, 40}) {
      // df = 1 is the Cauchy distribution: P(|T| > t) = 1 - 2 atan(t) / pi.
      assertThat(WelchTTest.twoSidedP(t, 1)).isCloseTo(1 - 2 * Math.atan(t) / Math.PI, offset(1e-12));
      // df = 2: P(|T| > t) = 1 - t / sqrt(2 + t^2).
      assertThat(WelchTTest.twoSidedP(t, 2)).isCloseTo(1 - t / Math.sqrt(2 + t * t), offset(1e-12));
      assertThat(WelchTTest.twoSidedP(-t, 2)).isEqualTo(WelchTTest.twoSidedP(t, 2));
    }
  }

  @Test
  void manyDegreesOfFreedomApproachTheNormalDistribution() {
    // P(|Z| > 1.959963985) = 0.05 for a standard normal Z.
    assertThat(WelchTTest.twoSidedP(1.959963985, 1e7)).isCloseTo(0.05, offset(1e-6));
  }

  @Test
  void logGammaMatchesFactorialsAndHalfIntegers() {
    assertThat(WelchTTest.logGamma(1)).isCloseTo(0, offset(1e-13));
    assertThat(WelchTTest.logGamma(6)).isCloseTo(Math.log(120), offset(1e-12));
    assertThat(WelchTTest.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-12));
    assertThat(WelchTTest.logGamma(0.1)).isCloseTo(Math.log(9.513507698668732), offset(1e-10));
  }

  @Test
  void welchTestAgreesWithScipy() {
    // Expected values: scipy.stats.ttest_ind(a, b, equal_var=False) (scipy 1.x).
    WelchTTest w = WelchTTest.of(new double[] {0.92, 0.88, 0.95, 0.81, 0.90, 0.97, 0.85},
        new double[] {0.45, 0.62, 0.30, 0.71, 0.52, 0.40});
    assertThat(w.t()).isCloseTo(6.157740704340023, offset(1e-9));
    assertThat(w.degreesOfFreedom()).isCloseTo(6.199373786629195, offset(1e-9));
    assertThat(w.p()).isCloseTo(0.0007432275150062787, offset(1e-12));
    WelchTTest same = WelchTTest.of(new double[] {0.5, 0.6, 0.4, 0.55}, new double[] {0.52, 0.47, 0.58, 0.44, 0.61});
    assertThat(same.t()).isCloseTo(-0.21545568973669596, offset(1e-9));
    assertThat(same.degreesOfFreedom()).isCloseTo(5.920677940727965, offset(1e-9));
    assertThat(same.p()).isCloseTo(0.8366421078400887, offset(1e-10));
    // scipy.stats.t.sf(2.5, 7.3) * 2: a fractional number of degrees of freedom.
    assertThat(WelchTTest.twoSidedP(2.5, 7.3)).isCloseTo(0.03965023466560043, offset(1e-12));
  }

  @Test
  void constantSamplesAreCertainlyDifferentOrCertainlyNot() {
    assertThat(WelchTTest.of(new double[] {1, 1, 1}, new double[] {0.5, 0.5}).p()).isZero();
    assertThat(WelchTTest.of(new double[] {1, 1, 1}, new double[] {1, 1}).p()).isEqualTo(1);
    assertThatThrownBy(() -> WelchTTest.of(new double[] {1}, new double[] {1, 2}))
        .hasMessageContaining("at least two values");
  }
}
