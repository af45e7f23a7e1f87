package org.gradcam4j.methods;

import java.util.SplittableRandom;

/**
 * RISE's random masks (Petsiuk et al. 2018), generated one after the other from a seed, so the same
 * seed always gives the same sequence whatever the batch size: an {@code s x s} grid of cells kept
 * with probability {@code p}, upsampled bilinearly to {@code (s + 1) * cell} pixels per side (cell =
 * {@code ceil(size / s)}; half-pixel centres, mirrored at the edges, like scikit-image's
 * {@code resize(order=1, mode="reflect")} that the paper's code uses), then cropped to the image at a
 * random shift of up to one cell. The masks are soft, with values in [0, 1].
 */
final class RiseMasks {
  private final int height;
  private final int width;
  private final int cells;
  private final float probability;
  private final int cellH;
  private final int cellW;
  private final SplittableRandom random;
  private final int[][] rows;
  private final float[][] rowWeights;
  private final int[][] cols;
  private final float[][] colWeights;

  RiseMasks(int height, int width, int cells, float probability, long seed) {
    this.height = height;
    this.width = width;
    this.cells = cells;
    this.probability = probability;
    this.cellH = (height + cells - 1) / cells;
    this.cellW = (width + cells - 1) / cells;
    this.random = new SplittableRandom(seed);
    int upH = (cells + 1) * cellH;
    int upW = (cells + 1) * cellW;
    rows = new int[2][upH];
    rowWeights = new float[2][upH];
    cols = new int[2][upW];
    colWeights = new float[2][upW];
    taps(cells, upH, rows, rowWeights);
    taps(cells, upW, cols, colWeights);
  }

  /** Half-pixel bilinear taps from {@code in} cells to {@code out} pixels, mirrored at the edges. */
  private static void taps(int in, int out, int[][] index, float[][] weight) {
    double scale = (double) in / out;
    for (int d = 0; d < out; d++) {
      double src = (d + 0.5) * scale - 0.5;
      int i0 = (int) Math.floor(src);
      double f = src - i0;
      index[0][d] = mirror(i0, in);
      index[1][d] = mirror(i0 + 1, in);
      weight[0][d] = (float) (1 - f);
      weight[1][d] = (float) f;
    }
  }

  private static int mirror(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  /** The next mask, [height * width] row-major. */
  float[] next() {
    float[] grid = new float[cells * cells];
    for (int k = 0; k < grid.length; k++) {
      grid[k] = random.nextDouble() < probability ? 1f : 0f;
    }
    int shiftY = random.nextInt(cellH);
    int shiftX = random.nextInt(cellW);
    float[] mask = new float[height * width];
    for (int y = 0; y < height; y++) {
      int uy = y + shiftY;
      int r0 = rows[0][uy] * cells;
      int r1 = rows[1][uy] * cells;
      float a = rowWeights[0][uy];
      float b = rowWeights[1][uy];
      for (int x = 0; x < width; x++) {
        int ux = x + shiftX;
        int c0 = cols[0][ux];
        int c1 = cols[1][ux];
        float top = grid[r0 + c0] * colWeights[0][ux] + grid[r0 + c1] * colWeights[1][ux];
        float bottom = grid[r1 + c0] * colWeights[0][ux] + grid[r1 + c1] * colWeights[1][ux];
        mask[y * width + x] = top * a + bottom * b;
      }
    }
    return mask;
  }
}
