package org.gradcam4j.inspect.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.train.DemoModel;

/**
 * Real embeddings for tests: the built-in demo model's default-layer features (global-average-pooled)
 * of synthetic-benchmark images (seed 2024, indices 0..n-1), computed once per JVM and shared.
 */
final class SyntheticEmbeddings {
  record Data(float[][] vectors, int[] labels, List<RgbImage> images) {}

  private static final Map<Integer, Data> CACHE = new HashMap<>();
  static final long SEED = 2024;

  private SyntheticEmbeddings() {}

  static synchronized Data get(int n) {
    for (Map.Entry<Integer, Data> e : CACHE.entrySet()) {
      if (e.getKey() >= n) {
        Data d = e.getValue();
        return new Data(java.util.Arrays.copyOf(d.vectors(), n), java.util.Arrays.copyOf(d.labels(), n),
            d.images().subList(0, n));
      }
    }
    SyntheticDataset data = new SyntheticDataset(SEED);
    List<RgbImage> images = new ArrayList<>(n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      images.add(data.sample(i).image());
      labels[i] = data.labelOf(i);
    }
    Preprocessing pre = DemoModel.card().orElseThrow().preprocessing().toPreprocessing();
    try (ModelRuntime runtime = new ModelRuntime(DemoModel.load(), 0)) {
      float[][] v = new FeatureExtractor(runtime, pre, null, 256, 0).features(images);
      Data d = new Data(v, labels, images);
      CACHE.put(n, d);
      return d;
    }
  }
}
