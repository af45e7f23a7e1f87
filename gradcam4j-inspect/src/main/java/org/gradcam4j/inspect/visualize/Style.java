package org.gradcam4j.inspect.visualize;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** How the image is parameterised and regularised. */
public enum Style {
  /** Olah et al. 2017: Fourier space, decorrelated colour, random jitter/scale/rotation, Adam. */
  LUCID(512, 0.05),
  /** Simonyan et al. 2013: pixels, L2 penalty, occasional blur, normalised gradient steps. */
  SIMONYAN(512, 0.01);

  private final int defaultSteps;
  private final double defaultLearningRate;

  Style(int defaultSteps, double defaultLearningRate) {
    this.defaultSteps = defaultSteps;
    this.defaultLearningRate = defaultLearningRate;
  }

  public int defaultSteps() {
    return defaultSteps;
  }

  public double defaultLearningRate() {
    return defaultLearningRate;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Style parse(String text) {
    for (Style s : values()) {
      if (s.key().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new GradCamException("Unknown style '" + text + "': use lucid or simonyan");
  }
}
