package org.gradcam4j.image;

import java.util.Arrays;

/**
 * SLIC superpixels (Achanta et al. 2012, "SLIC Superpixels Compared to State-of-the-Art Superpixel
 * Methods"): cluster centres start on a regular grid of step {@code S = sqrt(pixels / segments)}; each
 * pixel joins the centre within {@code 2S x 2S} of it that minimises {@code d_colour^2 + (d_space /
 * S)^2 m^2}; centres move to the mean of their pixels; ten rounds. Each cluster then keeps its largest
 * connected fragment and every other fragment of at least a quarter of {@code S^2}; the pixels of the
 * other fragments join the nearest kept segment, so every segment is one 4-connected region and even a
 * noisy image, where colour scatters the clusters, gets about the requested number (see
 * {@link #connected}).
 *
 * <p>The image is the model's input (pre-processed, any number of channels), not CIE Lab as in the
 * paper; its values are rescaled so that their range is 100, the extent of Lab's lightness, which
 * gives the compactness {@code m} the meaning it has in the paper and in scikit-image (10 is a good
 * start; larger is more square).
 */
final class Slic {
  private static final int ROUNDS = 10;

  private Slic() {}

  static Segmentation segment(float[] image, int channels, int height, int width, int segments, float compactness) {
    int plane = height * width;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < channels * plane; i++) {
      min = Math.min(min, image[i]);
      max = Math.max(max, image[i]);
    }
    double scale = max > min ? 100.0 / (max - min) : 1.0;
    double step = Math.sqrt((double) plane / segments);
    int rows = (int) Math.max(1, Math.min(height, Math.round(height / step)));
    int cols = (int) Math.max(1, Math.min(width, Math.round(width / step)));
    int k = rows * cols;
    // Centre k: y, x, then the colour channels.
    double[][] centres = new double[k][2 + channels];
    int[] labels = new int[plane];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double[] centre = centres[r * cols + c];
        centre[0] = (r + 0.5) * height / rows;
        centre[1] = (c + 0.5) * width / cols;
        int p = (int) centre[0] * width + (int) centre[1];
        for (int ch = 0; ch < channels; ch++) {
          centre[2 + ch] = image[ch * plane + p] * scale;
        }
      }
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        labels[y * width + x] = (int) ((long) y * rows / height) * cols + (int) ((long) x * cols / width);
      }
    }
    double spatial = compactness * compactness / (step * step);
    int reach = (int) Math.ceil(step);
    double[] distance = new double[plane];
    for (int round = 0; round < ROUNDS; round++) {
      Arrays.fill(distance, Double.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        double[] centre = centres[j];
        int y0 = Math.max(0, (int) Math.floor(centre[0]) - reach);
        int y1 = Math.min(height - 1, (int) Math.floor(centre[0]) + reach);
        int x0 = Math.max(0, (int) Math.floor(centre[1]) - reach);
        int x1 = Math.min(width - 1, (int) Math.floor(centre[1]) + reach);
        for (int y = y0; y <= y1; y++) {
          double dy = y + 0.5 - centre[0];
          for (int x = x0; x <= x1; x++) {
            int p = y * width + x;
            double dx = x + 0.5 - centre[1];
            double d = (dy * dy + dx * dx) * spatial;
            for (int ch = 0; ch < channels && d < distance[p]; ch++) {
              double dc = image[ch * plane + p] * scale - centre[2 + ch];
              d += dc * dc;
            }
            if (d < distance[p]) {
              distance[p] = d;
              labels[p] = j;
            }
          }
        }
      }
      double[][] sums = new double[k][2 + channels];
      int[] counts = new int[k];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int p = y * width + x;
          double[] s = sums[labels[p]];
          counts[labels[p]]++;
          s[0] += y + 0.5;
          s[1] += x + 0.5;
          for (int ch = 0; ch < channels; ch++) {
            s[2 + ch] += image[ch * plane + p] * scale;
          }
        }
      }
      for (int j = 0; j < k; j++) {
        if (counts[j] > 0) {
          for (int f = 0; f < 2 + channels; f++) {
            centres[j][f] = sums[j][f] / counts[j];
          }
        }
      }
    }
    return connected(labels, height, width, Math.max(1, (int) (step * step / 4)));
  }

  /**
   * Splits every label into its 4-connected fragments and keeps, as segments, the largest fragment of
   * each label and every other fragment of at least {@code minSize} pixels; the pixels of the remaining
   * fragments join the nearest kept segment (a breadth-first growth from all kept segments at once, so
   * each joins through pixels of the segment it joins and every segment stays connected). Segments are
   * numbered in the order of their first pixel, row by row.
   */
  static Segmentation connected(int[] labels, int height, int width, int minSize) {
    int plane = height * width;
    int[] fragment = new int[plane];
    Arrays.fill(fragment, -1);
    int[] queue = new int[plane];
    int[] sizes = new int[plane];
    int[] fragmentLabel = new int[plane];
    int fragments = 0;
    for (int start = 0; start < plane; start++) {
      if (fragment[start] >= 0) {
        continue;
      }
      int label = labels[start];
      int head = 0;
      int tail = 0;
      fragment[start] = fragments;
      queue[tail++] = start;
      while (head < tail) {
        int p = queue[head++];
        int y = p / width;
        int x = p % width;
        if (y > 0 && fragment[p - width] < 0 && labels[p - width] == label) {
          fragment[p - width] = fragments;
          queue[tail++] = p - width;
        }
        if (y < height - 1 && fragment[p + width] < 0 && labels[p + width] == label) {
          fragment[p + width] = fragments;
          queue[tail++] = p + width;
        }
        if (x > 0 && fragment[p - 1] < 0 && labels[p - 1] == label) {
          fragment[p - 1] = fragments;
          queue[tail++] = p - 1;
        }
        if (x < width - 1 && fragment[p + 1] < 0 && labels[p + 1] == label) {
          fragment[p + 1] = fragments;
          queue[tail++] = p + 1;
        }
      }
      sizes[fragments] = tail;
      fragmentLabel[fragments] = label;
      fragments++;
    }
    int labelCount = 0;
    for (int l : labels) {
      labelCount = Math.max(labelCount, l + 1);
    }
    int[] largest = new int[labelCount];
    Arrays.fill(largest, -1);
    for (int f = 0; f < fragments; f++) {
      int l = fragmentLabel[f];
      if (largest[l] < 0 || sizes[f] > sizes[largest[l]]) {
        largest[l] = f;
      }
    }
    // Kept fragments get segment numbers in the order they were found (row-major first pixels).
    int[] segment = new int[fragments];
    int count = 0;
    for (int f = 0; f < fragments; f++) {
      segment[f] = sizes[f] >= minSize || largest[fragmentLabel[f]] == f ? count++ : -1;
    }
    int[] out = new int[plane];
    int head = 0;
    int tail = 0;
    for (int p = 0; p < plane; p++) {
      out[p] = segment[fragment[p]];
      if (out[p] >= 0) {
        queue[tail++] = p;
      }
    }
    while (head < tail) {
      int p = queue[head++];
      int y = p / width;
      int x = p % width;
      int[] around = {y > 0 ? p - width : -1, y < height - 1 ? p + width : -1, x > 0 ? p - 1 : -1,
          x < width - 1 ? p + 1 : -1};
      for (int q : around) {
        if (q >= 0 && out[q] < 0) {
          out[q] = out[p];
          queue[tail++] = q;
        }
      }
    }
    return new Segmentation(height, width, count, out);
  }
}
