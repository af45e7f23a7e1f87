package org.gradcam4j.diagnose.failures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How often each true class was taken for each other class: the off-diagonal of a confusion matrix. */
public final class ConfusionCounts {
  /** One cell: images of class {@code trueClass} predicted as {@code predictedClass}. */
  public record Cell(int trueClass, int predictedClass, int count) {}

  private final Map<Long, Integer> counts = new TreeMap<>();
  private final Map<Integer, Integer> perClass = new TreeMap<>();

  /** Counts every prediction (right ones only add to the class totals). */
  public static ConfusionCounts of(List<Prediction> predictions) {
    ConfusionCounts c = new ConfusionCounts();
    for (Prediction p : predictions) {
      c.perClass.merge(p.trueClass(), 1, Integer::sum);
      if (p.isWrong()) {
        c.counts.merge(((long) p.trueClass() << 32) | p.predictedClass(), 1, Integer::sum);
      }
    }
    return c;
  }

  /** The confusions, most frequent first (ties: by true class, then predicted class). */
  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    counts.forEach((key, n) -> out.add(new Cell((int) (key >>> 32), (int) (long) key, n)));
    out.sort(Comparator.comparingInt(Cell::count).reversed().thenComparingInt(Cell::trueClass)
        .thenComparingInt(Cell::predictedClass));
    return out;
  }

  /** Images of class {@code trueClass} seen in total. */
  public int imagesOf(int trueClass) {
    return perClass.getOrDefault(trueClass, 0);
  }

  /** A Markdown table: true class, predicted class, count and share of the true class's images. */
  public String markdown(List<String> labels) {
    StringBuilder sb = new StringBuilder("| true class | predicted as | images | share of the class |\n|---|---|---:|---:|\n");
    for (Cell c : cells()) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f %% |%n", label(c.trueClass(), labels),
          label(c.predictedClass(), labels), c.count(), 100.0 * c.count() / imagesOf(c.trueClass())));
    }
    return sb.toString();
  }

  static String label(int index, List<String> labels) {
    return index >= 0 && index < labels.size() ? labels.get(index) : "class " + index;
  }
}
