package org.gradcam4j.inspect.embed;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** How far apart two feature vectors are. */
public enum Metric {
  /** Cosine distance, {@code 1 - a.b / (|a| |b|)}: 0 for the same direction, 2 for opposite ones. */
  COSINE,
  /** Euclidean (L2) distance. */
  L2;

  /** The distance between {@code a} and {@code b}. A zero vector is at cosine distance 1 from everything. */
  public double distance(float[] a, float[] b) {
    if (this == L2) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        double d = a[i] - b[i];
        s += d * d;
      }
      return Math.sqrt(s);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 1.0 : 1.0 - dot / Math.sqrt(na * nb);
  }

  /** The metric named {@code cosine} or {@code l2} (any case). */
  public static Metric parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "cosine", "cos" -> COSINE;
      case "l2", "euclidean" -> L2;
      default -> throw new GradCamException("Unknown metric '" + name + "': use cosine or l2");
    };
  }

  public String label() {
    return this == COSINE ? "cosine distance" : "L2 distance";
  }
}
