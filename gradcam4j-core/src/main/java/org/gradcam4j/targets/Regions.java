package org.gradcam4j.targets;

import org.gradcam4j.error.GradCamException;

/**
 * Dense outputs [N, C, H, W] (segmentation, text detection): a class's scores summed over a region.
 * A fixed region is {@link Target#region}; this class adds the region the model itself assigns to
 * the class and rectangles in output pixels.
 */
public final class Regions {
  private Regions() {}

  /**
   * Explain class {@code index} summed over the pixels the model assigns to it: those whose arg-max
   * over the classes is {@code index} or, for a single channel ({@code classes == 1}, a sigmoid
   * probability map), those scoring above 0.5. The pixels are chosen from the image's own scores.
   */
  public static Target predicted(int index, int classes, int height, int width) {
    if (index < 0 || index >= classes) {
      throw new GradCamException("Class index " + index + " is out of range: the output has " + classes
          + " channels (0.." + (classes - 1) + ")");
    }
    return new Predicted(index, classes, height * width, false);
  }

  /** The mask of the output pixels {@code [x0, x1) x [y0, y1)} of an H x W grid, clipped to it. */
  public static boolean[] rectangle(int x0, int y0, int x1, int y1, int height, int width) {
    boolean[] mask = new boolean[height * width];
    int count = 0;
    for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
        mask[y * width + x] = true;
        count++;
      }
    }
    if (count == 0) {
      throw new GradCamException("The box " + x0 + "," + y0 + "," + x1 + "," + y1 + " covers no pixel of the "
          + width + "x" + height + " output (x0 < x1 and y0 < y1 are needed, inside the output)");
    }
    return mask;
  }

  /** Pixels chosen by the model (see {@link Regions#predicted}). */
  record Predicted(int index, int classes, int pixels, boolean isCounterfactual) implements Target {
    @Override
    public boolean needsScores() {
      return true;
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      if (classCount != classes * pixels) {
        throw new GradCamException("A region target for " + classes + " channels of " + pixels
            + " pixels needs " + classes * pixels + " scores per image, the output has " + classCount);
      }
      float[] w = new float[classCount];
      int covered = 0;
      for (int p = 0; p < pixels; p++) {
        if (assigned(scores, p)) {
          w[index * pixels + p] = isCounterfactual ? -1f : 1f;
          covered++;
        }
      }
      if (covered == 0) {
        throw new GradCamException("The model assigns no pixel to class " + index
            + (classes == 1 ? " (no score above 0.5)" : " (it is nowhere the arg-max)")
            + ": give the region explicitly, region:" + index + "@x0,y0,x1,y1");
      }
      return new Seed(w, 0f);
    }

    private boolean assigned(float[] scores, int p) {
      if (classes == 1) {
        return scores[p] > 0.5f;
      }
      float mine = scores[index * pixels + p];
      for (int c = 0; c < classes; c++) {
        // The first largest wins, as in ArgMax.
        float other = scores[c * pixels + p];
        if (other > mine || (other == mine && c < index)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Target counterfactual() {
      return new Predicted(index, classes, pixels, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "class " + index + " over the pixels predicted as it";
    }
  }
}
