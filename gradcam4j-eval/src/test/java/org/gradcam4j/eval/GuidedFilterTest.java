package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuidedFilterTest {
  private static final int W = 13;
  private static final int H = 9;

  @Test
  void matchesTheDefinitionComputedWindowByWindow() {
    SplittableRandom random = new SplittableRandom(7);
    float[] guide = new float[W * H];
    float[] input = new float[W * H];
    for (int i = 0; i < guide.length; i++) {
      guide[i] = (float) random.nextDouble();
      input[i] = (float) random.nextDouble();
    }
    int r = 2;
    double eps = 0.05;
    float[] fast = new GuidedFilter(r, eps).apply(guide, input, W, H);
    // He et al., eq. (6)-(8): a_k, b_k per window (clipped to the image), then q_i = mean a * I_i + mean b.
    double[] a = new double[W * H];
    double[] b = new double[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double n = 0;
        double si = 0;
        double sp = 0;
        double sip = 0;
        double sii = 0;
        for (int v = Math.max(0, y - r); v <= Math.min(H - 1, y + r); v++) {
          for (int u = Math.max(0, x - r); u <= Math.min(W - 1, x + r); u++) {
            double gi = guide[v * W + u];
            double pi = input[v * W + u];
            n++;
            si += gi;
            sp += pi;
            sip += gi * pi;
            sii += gi * gi;
          }
        }
        double mi = si / n;
        double mp = sp / n;
        a[y * W + x] = (sip / n - mi * mp) / (sii / n - mi * mi + eps);
        b[y * W + x] = mp - a[y * W + x] * mi;
      }
    }
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double n = 0;
        double sa = 0;
        double sb = 0;
        for (int v = Math.max(0, y - r); v <= Math.min(H - 1, y + r); v++) {
          for (int u = Math.max(0, x - r); u <= Math.min(W - 1, x + r); u++) {
            n++;
            sa += a[v * W + u];
            sb += b[v * W + u];
          }
        }
        double q = sa / n * guide[y * W + x] + sb / n;
        assertThat((double) fast[y * W + x]).as("pixel (%d, %d)", x, y).isCloseTo(q, within(1e-5));
      }
    }
  }

  @Test
  void keepsAConstantInputConstant() {
    SplittableRandom random = new SplittableRandom(8);
    float[] guide = new float[W * H];
    float[] input = new float[W * H];
    for (int i = 0; i < guide.length; i++) {
      guide[i] = (float) random.nextDouble();
      input[i] = 0.3f;
    }
    for (float q : new GuidedFilter(3, 1e-3).apply(guide, input, W, H)) {
      assertThat(q).isCloseTo(0.3f, within(1e-5f));
    }
  }

  @Test
  void preservesAnEdgeOfTheGuideThatABoxFilterBlurs() {
    // Guide and input: a vertical step from 0 to 1 between columns 5 and 6.
    float[] step = new float[W * H];
    for (int i = 0; i < step.length; i++) {
      step[i] = i % W >= 6 ? 1f : 0f;
    }
    float[] q = new GuidedFilter(3, 1e-4).apply(step, step, W, H);
    for (int i = 0; i < q.length; i++) {
      assertThat(q[i]).as("pixel %d", i).isCloseTo(step[i], within(0.01f));
    }
    // With a huge eps the fit is flat (a = 0): the output is the box mean of the box means, blurred.
    float[] blurred = new GuidedFilter(3, 1e6).apply(step, step, W, H);
    assertThat(blurred[4 * W + 5]).isBetween(0.2f, 0.5f);
  }
}
