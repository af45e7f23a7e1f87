package org.gradcam4j.inspect.concepts;

/**
 * The two-sided two-sample t-test without assuming equal variances (Welch's test): whether two sets of
 * scores have different means. The p-value comes from Student's t distribution with the
 * Welch-Satterthwaite degrees of freedom, through the regularised incomplete beta function
 * ({@code P(|T| > t) = I_{df / (df + t^2)}(df / 2, 1 / 2)}).
 *
 * @param t the statistic (positive when the first sample's mean is larger)
 * @param degreesOfFreedom Welch-Satterthwaite's; infinite when both samples are constant
 * @param p the two-sided p-value
 */
public record WelchTTest(double t, double degreesOfFreedom, double p) {
  /** Tests samples {@code a} and {@code b}; each needs at least two values. */
  public static WelchTTest of(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      throw new IllegalArgumentException("a t-test needs at least two values per sample, got " + a.length
          + " and " + b.length);
    }
    double ma = mean(a);
    double mb = mean(b);
    double sa = variance(a, ma) / a.length;
    double sb = variance(b, mb) / b.length;
    double se2 = sa + sb;
    if (se2 == 0) {
      // Two constant samples: equal means are no evidence of a difference, different ones are certain.
      boolean same = ma == mb;
      return new WelchTTest(same ? 0 : Math.copySign(Double.POSITIVE_INFINITY, ma - mb), Double.POSITIVE_INFINITY,
          same ? 1 : 0);
    }
    double t = (ma - mb) / Math.sqrt(se2);
    double df = se2 * se2 / (sa * sa / (a.length - 1) + sb * sb / (b.length - 1));
    return new WelchTTest(t, df, twoSidedP(t, df));
  }

  /** {@code P(|T| >= |t|)} for Student's t with {@code df} degrees of freedom. */
  public static double twoSidedP(double t, double df) {
    if (Double.isInfinite(t)) {
      return 0;
    }
    return Math.min(1, Math.max(0, regularizedBeta(df / (df + t * t), df / 2, 0.5)));
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The unbiased sample variance (divided by n - 1). */
  static double variance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }

  /**
   * The regularised incomplete beta function {@code I_x(a, b)}, by its continued fraction evaluated with
   * the modified Lentz method; for x past the mean of the beta distribution it uses
   * {@code I_x(a, b) = 1 - I_{1-x}(b, a)}, where the fraction converges fast.
   */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    if (x > (a + 1) / (a + b + 2)) {
      return 1 - regularizedBeta(1 - x, b, a);
    }
    double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
    return Math.exp(logFront) / a * betaFraction(x, a, b);
  }

  /**
   * {@code 1 / (1 + d1 / (1 + d2 / (1 + ...)))}, the continued fraction of the incomplete beta function,
   * with {@code d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1))} and {@code d(2m) = m(b-m)x / ((a+2m-1)(a+2m))};
   * the denominator is evaluated by the modified Lentz method.
   */
  private static double betaFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double f = 1;
    double c = 1;
    double d = 0;
    for (int j = 1; j <= 1000; j++) {
      double dj;
      if (j % 2 == 1) {
        int m = (j - 1) / 2;
        dj = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      } else {
        int m = j / 2;
        dj = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      }
      d = 1 + dj * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + dj / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return 1 / f;
  }

  static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /** Lanczos' approximation of {@code ln Gamma(x)} for x > 0 (g = 7, nine terms: about 15 digits). */
  static double logGamma(double x) {
    if (x < 0.5) {
      // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    double z = x - 1;
    double sum = c[0];
    for (int i = 1; i < c.length; i++) {
      sum += c[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
