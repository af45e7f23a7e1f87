package org.gradcam4j.cli;

import java.util.List;
import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** Classes as people name them on the command line: an index, or a label of the model. */
final class ClassNames {
  private ClassNames() {}

  /**
   * The class {@code text} names: a whole number is an index, anything else a label (exact, then
   * ignoring case).
   *
   * @throws GradCamException naming the option when the index is out of range or no label matches
   */
  static int index(String text, List<String> labels, int classCount, String option) {
    String t = text.trim();
    int index;
    try {
      index = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      index = labels.indexOf(t);
      for (int i = 0; index < 0 && i < labels.size(); i++) {
        if (labels.get(i).toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
          index = i;
        }
      }
      if (index < 0) {
        throw new GradCamException(option + " '" + text + "' is neither a class index nor one of the model's "
            + (labels.isEmpty() ? "labels (it has none: give --labels FILE or an index)" : labels.size()
            + " labels (for example '" + labels.get(0) + "')"));
      }
    }
    if (index < 0 || index >= classCount) {
      throw new GradCamException(option + " " + index + " is out of range: the model has " + classCount
          + " classes (0.." + (classCount - 1) + ")");
    }
    return index;
  }

  /** The label of class {@code index}, or "class N" without labels. */
  static String label(int index, List<String> labels) {
    return index >= 0 && index < labels.size() ? labels.get(index) : "class " + index;
  }
}
