package org.gradcam4j.inspect.embed.map;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** How feature vectors are laid out in two dimensions. */
public enum MapMethod {
  /** The first two principal components. */
  PCA,
  /** Barnes-Hut t-SNE ({@link Tsne}). */
  TSNE,
  /** UMAP ({@link Umap}). */
  UMAP;

  public static MapMethod parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT).replace("-", "")) {
      case "pca" -> PCA;
      case "tsne" -> TSNE;
      case "umap" -> UMAP;
      default -> throw new GradCamException("Unknown map '" + name + "': use tsne, umap or pca");
    };
  }

  public String label() {
    return switch (this) {
      case PCA -> "PCA";
      case TSNE -> "t-SNE";
      case UMAP -> "UMAP";
    };
  }

  /** The 2-D map of the rows of {@code x}: [n][2]; {@code progress} hears iterations (may be null). */
  public double[][] compute(float[][] x, long seed, Tsne.Progress progress) {
    return switch (this) {
      case PCA -> {
        if (x.length < 2) {
          throw new GradCamException("A map needs at least 2 images, got " + x.length);
        }
        double[][] y = Pca.fit(x, 2).transform(x);
        if (y[0].length < 2) { // one-dimensional features
          double[][] z = new double[y.length][2];
          for (int i = 0; i < y.length; i++) {
            z[i][0] = y[i][0];
          }
          yield z;
        }
        yield y;
      }
      case TSNE -> Tsne.run(x, Tsne.Settings.defaults(), progress);
      case UMAP -> Umap.run(x, Umap.Settings.defaults(), seed, progress);
    };
  }
}
