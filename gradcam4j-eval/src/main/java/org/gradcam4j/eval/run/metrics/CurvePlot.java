package org.gradcam4j.eval.run.metrics;

import java.nio.file.Path;
import java.util.List;

/** A figure of a metric's curves, averaged over images: one PNG file under {@code plots/}. */
public interface CurvePlot {
  /** The file name under {@code plots/}, e.g. {@code deletion.png}. */
  String file();

  /**
   * Draws the figure (atomically) with one line or more per method.
   *
   * @return false, with nothing written, when no method has the curves it shows
   */
  boolean draw(Path png, List<String> methods, MeanCurves curves);

  /** The mean curves of the evaluated images. */
  @FunctionalInterface
  interface MeanCurves {
    /**
     * The point-wise mean of one method's curve over the images that have it, as {x, y}; null when no
     * image has it.
     */
    double[][] of(String method, String curve);
  }
}
