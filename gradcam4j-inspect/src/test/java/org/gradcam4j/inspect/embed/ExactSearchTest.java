package org.gradcam4j.inspect.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSearchTest {
  /** A full sort of every distance (the definition), ties by row. */
  private static Integer[] bruteForce(float[][] x, float[] q, Metric m) {
    Integer[] idx = new Integer[x.length];
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
      d[i] = m.distance(q, x[i]);
    }
    Arrays.sort(idx, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
    return idx;
  }

  @Test
  void matchesABruteForceRankingForBothMetrics() {
    SplittableRandom r = new SplittableRandom(5);
    float[][] x = new float[700][24];
    for (float[] v : x) {
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) r.nextGaussian();
      }
    }
    x[10] = x[3].clone(); // a duplicate: a tie broken by row
    for (Metric m : Metric.values()) {
      ExactSearch s = new ExactSearch(x, m);
      for (int t = 0; t < 40; t++) {
        float[] q = t < 20 ? x[t * 7] : x[r.nextInt(x.length)].clone();
        if (t >= 20) {
          q[0] += 0.3f;
        }
        Integer[] truth = bruteForce(x, q, m);
        List<Neighbour> got = s.query(q, 15);
        assertThat(got).hasSize(15);
        for (int a = 0; a < 15; a++) {
          assertThat(got.get(a).index()).as("%s rank %d", m, a).isEqualTo(truth[a]);
          assertThat(got.get(a).distance()).isCloseTo(m.distance(q, x[truth[a]]),
              org.assertj.core.data.Offset.offset(1e-5));
        }
      }
    }
  }

  @Test
  void cosineIgnoresLengthAndL2DoesNot() {
    float[][] x = {{1, 0}, {10, 1}, {0.5f, 0.5f}};
    float[] q = {2, 0};
    assertThat(new ExactSearch(x, Metric.COSINE).query(q, 3).stream().map(Neighbour::index))
        .containsExactly(0, 1, 2);
    assertThat(new ExactSearch(x, Metric.L2).query(q, 3).stream().map(Neighbour::index))
        .containsExactly(0, 2, 1);
    assertThat(new ExactSearch(x, Metric.L2).query(q, 3, 0).stream().map(Neighbour::index))
        .containsExactly(2, 1);
  }

  @Test
  void allNeighboursLeaveEachRowOutOfItsOwnList() {
    SplittableRandom r = new SplittableRandom(8);
    float[][] x = new float[120][6];
    for (float[] v : x) {
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) r.nextDouble();
      }
    }
    ExactSearch s = new ExactSearch(x, Metric.L2);
    List<List<Neighbour>> all = s.allNeighbours(5);
    for (int i = 0; i < x.length; i++) {
      Integer[] truth = bruteForce(x, x[i], Metric.L2);
      assertThat(truth[0]).isEqualTo(i);
      assertThat(all.get(i).stream().map(Neighbour::index)).containsExactly(Arrays.copyOfRange(truth, 1, 6));
    }
  }

  @Test
  void autoIndexIsExactBelowTheThreshold() {
    float[][] x = new float[50][3];
    assertThat(NeighbourIndex.build(x, Metric.L2, NeighbourIndex.Kind.AUTO).kind()).isEqualTo("exact");
    assertThat(NeighbourIndex.build(x, Metric.L2, NeighbourIndex.Kind.HNSW).kind()).isEqualTo("hnsw");
  }
}
