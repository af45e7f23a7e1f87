package org.gradcam4j.inspect.embed.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradcam4j.inspect.embed.SyntheticEmbeddingsAccess;
import org.junit.jupiter.api.Test;

/** t-SNE of the built-in demo model's features of synthetic-benchmark images keeps the classes apart. */
class SyntheticMapTest {
  @Test
  void tsneOfDemoModelFeaturesSeparatesTheShapes() {
    SyntheticEmbeddingsAccess.Data d = SyntheticEmbeddingsAccess.get(2000);
    double[][] y = MapMethod.TSNE.compute(d.vectors(), 1, null);
    double acc = MapQuality.knnAccuracy(y, d.labels(), 10);
    double inputAcc = MapQuality.knnAccuracy(toDouble(d.vectors()), d.labels(), 10);
    System.out.printf("synthetic benchmark, 2000 images: 10-NN accuracy %.4f in 2-D (t-SNE), %.4f in the features%n",
        acc, inputAcc);
    assertThat(y).hasNumberOfRows(2000);
    assertThat(acc).isGreaterThanOrEqualTo(0.9);
  }

  static double[][] toDouble(float[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = x[i][j];
      }
    }
    return out;
  }
}
