package org.gradcam4j.image;

import org.gradcam4j.error.GradCamException;

/**
 * A partition of an image into {@code count} segments (superpixels or grid cells): {@code labels[y *
 * width + x]} is the segment of pixel (x, y), numbered 0 to {@code count - 1}, every number used. The
 * perturbation methods that switch whole segments on and off (LIME, KernelSHAP, Shapley sampling,
 * feature ablation) work on one.
 */
public record Segmentation(int height, int width, int count, int[] labels) {
  public Segmentation {
    if (labels.length != height * width) {
      throw new IllegalArgumentException("a " + width + "x" + height + " segmentation needs " + height * width
          + " labels, got " + labels.length);
    }
  }

  /** How an image is cut into segments. */
  public enum Kind {
    /** SLIC superpixels ({@link Slic}): compact regions that follow the image's edges. */
    SLIC,
    /** A square grid of about the requested number of equal cells, blind to the image. */
    GRID;

    /** The name the CLI takes and reports, e.g. "slic". */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Cuts a [channels, height, width] image (row-major planes) into about {@code segments} segments.
   *
   * @param compactness SLIC's weight of space against colour (ignored by the grid)
   */
  public static Segmentation of(Kind kind, float[] image, int channels, int height, int width, int segments,
      float compactness) {
    if (segments < 1) {
      throw new GradCamException("The number of segments must be at least 1, got " + segments);
    }
    if (segments > height * width) {
      throw new GradCamException("Cannot cut a " + width + "x" + height + " image into " + segments
          + " segments: there are fewer pixels");
    }
    return switch (kind) {
      case SLIC -> Slic.segment(image, channels, height, width, segments, compactness);
      case GRID -> grid(height, width, segments);
    };
  }

  /**
   * A grid of {@code s x s} cells, {@code s = round(sqrt(segments))} (at least 1, at most the shorter
   * side), cell borders at {@code floor(k * size / s)}.
   */
  public static Segmentation grid(int height, int width, int segments) {
    int side = (int) Math.max(1, Math.min(Math.round(Math.sqrt(segments)), Math.min(height, width)));
    int[] labels = new int[height * width];
    for (int y = 0; y < height; y++) {
      int row = (int) ((long) y * side / height);
      for (int x = 0; x < width; x++) {
        labels[y * width + x] = row * side + (int) ((long) x * side / width);
      }
    }
    return new Segmentation(height, width, side * side, labels);
  }

  /** Number of pixels in each segment. */
  public int[] sizes() {
    int[] n = new int[count];
    for (int l : labels) {
      n[l]++;
    }
    return n;
  }

  /** A [height * width] map holding each pixel's segment value. */
  public float[] paint(double[] perSegment) {
    if (perSegment.length != count) {
      throw new IllegalArgumentException(count + " segments but " + perSegment.length + " values");
    }
    float[] map = new float[labels.length];
    for (int p = 0; p < labels.length; p++) {
      map[p] = (float) perSegment[labels[p]];
    }
    return map;
  }

  /**
   * Writes into {@code out} a copy of the [channels, height, width] {@code image} in which every pixel of
   * a segment with {@code keep[segment] == false} is {@code fill} in all channels.
   *
   * @param offset where the copy starts in {@code out}
   */
  public void mask(float[] image, int channels, boolean[] keep, float fill, float[] out, int offset) {
    int plane = labels.length;
    for (int c = 0; c < channels; c++) {
      int base = c * plane;
      for (int p = 0; p < plane; p++) {
        out[offset + base + p] = keep[labels[p]] ? image[base + p] : fill;
      }
    }
  }
}
