package org.gradcam4j.inspect.embed.map;

import org.gradcam4j.error.GradCamException;

/** UMAP: not implemented yet. */
public final class Umap {
  /** Settings. */
  public record Settings(int neighbours, double minDist, int epochs) {
    public static Settings defaults() {
      return new Settings(15, 0.1, 200);
    }
  }

  private Umap() {}

  public static double[][] run(float[][] x, Settings s, long seed, Tsne.Progress progress) {
    throw new GradCamException("UMAP is not implemented yet; use --map tsne or --map pca");
  }
}
