package org.gradcam4j.eval.run;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** Which class each image's maps explain. */
public enum TargetChoice {
  /**
   * The model's top-1 prediction, as in the Grad-CAM paper's localisation experiments; the top-1
   * localisation error then also requires that prediction to be the true class.
   */
  PREDICTION,
  /** The image's ground-truth class where it is known, else the top-1 prediction. */
  LABEL;

  /** Parses {@code top1}/{@code prediction} or {@code label}. */
  public static TargetChoice parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "top1", "top-1", "prediction" -> PREDICTION;
      case "label", "true", "truth" -> LABEL;
      default -> throw new GradCamException("unknown target '" + text + "'; use top1 or label");
    };
  }

  /** The command-line name. */
  public String cliName() {
    return this == PREDICTION ? "top1" : "label";
  }
}
