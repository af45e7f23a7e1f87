package org.gradcam4j.inspect.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * HNSW against exact search on real embeddings: the demo model's features (128 values, the last
 * spatial layer average-pooled) of 10 000 synthetic-benchmark images, queried with the features of
 * 500 further images that are not in the index.
 */
class HnswRecallTest {
  static final int INDEXED = 10_000;
  static final int QUERIES = 500;

  @Test
  void recallAtTenIsAtLeast95PercentForBothMetrics() {
    SyntheticEmbeddings.Data all = SyntheticEmbeddings.get(INDEXED + QUERIES);
    float[][] base = Arrays.copyOf(all.vectors(), INDEXED);
    float[][] queries = Arrays.copyOfRange(all.vectors(), INDEXED, INDEXED + QUERIES);
    for (Metric m : Metric.values()) {
      NeighbourIndex hnsw = NeighbourIndex.build(base, m, NeighbourIndex.Kind.HNSW);
      ExactSearch exact = new ExactSearch(base, m);
      assertThat(hnsw.kind()).isEqualTo("hnsw");
      long hits = IntStream.range(0, QUERIES).parallel().mapToLong(q -> {
        Set<Integer> truth = new HashSet<>();
        for (Neighbour nb : exact.query(queries[q], 10)) {
          truth.add(nb.index());
        }
        List<Neighbour> got = hnsw.query(queries[q], 10);
        return got.stream().filter(nb -> truth.contains(nb.index())).count();
      }).sum();
      double recall = hits / (10.0 * QUERIES);
      System.out.printf("HNSW recall@10 (%s) on %d synthetic-benchmark embeddings: %.4f%n", m, INDEXED, recall);
      assertThat(recall).isGreaterThanOrEqualTo(0.95);
      // Distances that HNSW reports are the metric's.
      Neighbour first = hnsw.query(queries[0], 1).get(0);
      assertThat(first.distance()).isCloseTo(m.distance(queries[0], base[first.index()]),
          org.assertj.core.data.Offset.offset(1e-4));
    }
  }
}
