package org.gradcam4j.inspect.embed.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gradcam4j.inspect.embed.SyntheticEmbeddingsAccess;
import org.gradcam4j.io.Npy;

/**
 * The t-SNE speed benchmark (not a test): the built-in demo model's features of N synthetic-benchmark
 * images, written to {@code DIR/features.npy} (with {@code labels.npy}) so that scikit-learn maps the
 * very same points; then Barnes-Hut t-SNE with the defaults, timed, its map written to
 * {@code DIR/map-java.npy}. Run by {@code bench/tsne-vs-sklearn.sh}. Arguments: DIR [N].
 */
public final class TsneBenchmark {
  private TsneBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Files.createDirectories(dir);
    SyntheticEmbeddingsAccess.Data d = SyntheticEmbeddingsAccess.get(n);
    int dim = d.vectors()[0].length;
    float[] flat = new float[n * dim];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d.vectors()[i], 0, flat, i * dim, dim);
      labels[i] = d.labels()[i];
    }
    Npy.write(dir.resolve("features.npy"), new long[] {n, dim}, flat);
    Npy.write(dir.resolve("labels.npy"), new long[] {n}, labels);
    // Warm-up on a small set (JIT), then the timed run.
    Tsne.run(java.util.Arrays.copyOf(d.vectors(), 500), Tsne.Settings.defaults().withIterations(100), null);
    long t0 = System.nanoTime();
    double[][] y = Tsne.run(d.vectors(), Tsne.Settings.defaults(), null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    float[] map = new float[2 * n];
    for (int i = 0; i < n; i++) {
      map[2 * i] = (float) y[i][0];
      map[2 * i + 1] = (float) y[i][1];
    }
    Npy.write(dir.resolve("map-java.npy"), new long[] {n, 2}, map);
    System.out.printf(Locale.ROOT, "gradcam4j Barnes-Hut t-SNE: %d points x %d dims in %.1f s (%d cores)%n", n, dim,
        seconds, Runtime.getRuntime().availableProcessors());
  }
}
