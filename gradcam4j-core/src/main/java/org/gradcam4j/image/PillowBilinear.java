package org.gradcam4j.image;

/**
 * Bilinear resampling of 8-bit RGB images that gives byte for byte what Pillow 9's
 * {@code Image.resize(size, Image.BILINEAR)} gives, because the reference models were fed Pillow's
 * output and a level here and there moves the scores.
 *
 * <p>What makes Pillow's result particular, and is reproduced here:
 *
 * <ul>
 *   <li>two separable passes, horizontal first; the intermediate image is rounded to bytes;
 *   <li>when shrinking, the triangle filter is stretched by the scale factor (it averages over all
 *       source pixels a destination pixel covers, i.e. it antialiases);
 *   <li>the weights of each output pixel are computed in double, normalised to sum 1, then turned
 *       into 22-bit fixed point; pixel sums are integer, start at one half and are shifted back
 *       and clamped to 0..255.
 * </ul>
 */
final class PillowBilinear {
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final int HALF = 1 << (PRECISION_BITS - 1);

  private PillowBilinear() {}

  /** Resizes {@code src} to {@code width} x {@code height}. */
  static RgbImage resize(RgbImage src, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
    }
    RgbImage image = src;
    // Like Pillow, a pass whose size does not change is skipped (its weights would be the identity).
    if (width != src.width()) {
      image = horizontal(image, Weights.of(src.width(), width));
    }
    if (height != src.height()) {
      image = vertical(image, Weights.of(src.height(), height));
    }
    return image == src ? new RgbImage(src.width(), src.height(), src.pixels().clone()) : image;
  }

  /**
   * The {@code cropWidth} x {@code cropHeight} window at ({@code left}, {@code top}) of
   * {@code resize(src, width, height)}, computed without the rest of it. Each output pixel gets the
   * same weights and the same intermediate row values as in the full resize, so the window is
   * bit-identical to cropping the full result; only the input rows and output columns the window
   * needs are computed. A sliver scaled up to a shorter side of 256 costs its window, not gigabytes.
   */
  static RgbImage resizeWindow(RgbImage src, int width, int height, int left, int top, int cropWidth,
      int cropHeight) {
    if (left < 0 || top < 0 || left + cropWidth > width || top + cropHeight > height) {
      throw new IllegalArgumentException("window " + cropWidth + "x" + cropHeight + " at " + left + "," + top
          + " is not inside " + width + "x" + height);
    }
    // Input rows the window's output rows read (all of them when the vertical pass is skipped).
    Weights vw = height != src.height() ? Weights.of(src.height(), height, top, cropHeight) : null;
    int rowFrom = vw == null ? top : vw.first(top);
    int rowTo = top + cropHeight;
    if (vw != null) {
      rowTo = 0;
      for (int y = top; y < top + cropHeight; y++) {
        rowTo = Math.max(rowTo, vw.first(y) + vw.count(y));
      }
    }
    // The horizontal pass for those rows and the window's columns only.
    RgbImage rows = Resizing.crop(src, 0, rowFrom, src.width(), rowTo - rowFrom);
    RgbImage narrowed = width != src.width()
        ? horizontal(rows, Weights.of(src.width(), width, left, cropWidth), left, cropWidth)
        : Resizing.crop(rows, left, 0, cropWidth, rows.height());
    if (vw == null) {
      return Resizing.crop(narrowed, 0, top - rowFrom, cropWidth, cropHeight);
    }
    return vertical(narrowed, vw, top, cropHeight, rowFrom);
  }

  private static RgbImage horizontal(RgbImage in, Weights w) {
    return horizontal(in, w, 0, w.outSize());
  }

  /** Output columns {@code [from, from + count)} of the horizontal pass. */
  private static RgbImage horizontal(RgbImage in, Weights w, int from, int count) {
    int outWidth = count;
    byte[] src = in.pixels();
    byte[] dst = new byte[outWidth * in.height() * 3];
    for (int y = 0; y < in.height(); y++) {
      int rowStart = y * in.width() * 3;
      for (int ox = 0; ox < outWidth; ox++) {
        int x = from + ox;
        int first = w.first(x);
        int taps = w.count(x);
        int k0 = w.kernelStart(x);
        int r = HALF;
        int g = HALF;
        int b = HALF;
        for (int i = 0; i < taps; i++) {
          int k = w.fixed(k0 + i);
          int p = rowStart + (first + i) * 3;
          r += (src[p] & 0xff) * k;
          g += (src[p + 1] & 0xff) * k;
          b += (src[p + 2] & 0xff) * k;
        }
        int o = (y * outWidth + ox) * 3;
        dst[o] = clip8(r);
        dst[o + 1] = clip8(g);
        dst[o + 2] = clip8(b);
      }
    }
    return new RgbImage(outWidth, in.height(), dst);
  }

  private static RgbImage vertical(RgbImage in, Weights w) {
    return vertical(in, w, 0, w.outSize(), 0);
  }

  /**
   * Output rows {@code [from, from + count)} of the vertical pass; {@code in} holds the input rows
   * from {@code inOffset} on.
   */
  private static RgbImage vertical(RgbImage in, Weights w, int from, int count, int inOffset) {
    int outHeight = count;
    int width = in.width();
    byte[] src = in.pixels();
    byte[] dst = new byte[width * outHeight * 3];
    int stride = width * 3;
    for (int oy = 0; oy < outHeight; oy++) {
      int y = from + oy;
      int first = w.first(y) - inOffset;
      int taps = w.count(y);
      int k0 = w.kernelStart(y);
      for (int x = 0; x < width; x++) {
        int r = HALF;
        int g = HALF;
        int b = HALF;
        for (int i = 0; i < taps; i++) {
          int k = w.fixed(k0 + i);
          int p = (first + i) * stride + x * 3;
          r += (src[p] & 0xff) * k;
          g += (src[p + 1] & 0xff) * k;
          b += (src[p + 2] & 0xff) * k;
        }
        int o = oy * stride + x * 3;
        dst[o] = clip8(r);
        dst[o + 1] = clip8(g);
        dst[o + 2] = clip8(b);
      }
    }
    return new RgbImage(width, outHeight, dst);
  }

  private static byte clip8(int sum) {
    int v = sum >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  /** The fixed-point filter weights of one pass: for each output index, a run of input indices. */
  record Weights(int outSize, int kernelSize, int[] bounds, int[] fixed, int from) {
    int first(int out) {
      return bounds[(out - from) * 2];
    }

    int count(int out) {
      return bounds[(out - from) * 2 + 1];
    }

    /** Where output {@code out}'s weights start in {@link #fixed(int)}. */
    int kernelStart(int out) {
      return (out - from) * kernelSize;
    }

    int fixed(int index) {
      return fixed[index];
    }

    static Weights of(int inSize, int outSize) {
      return of(inSize, outSize, 0, outSize);
    }

    /**
     * Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}, bilinear filter,
     * for outputs {@code [from, from + count)} only: each output's weights depend on its own index.
     */
    static Weights of(int inSize, int outSize, int from, int count) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = 1.0 * filterScale; // the triangle filter reaches one pixel, widened when shrinking
      int kernelSize = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[count * 2];
      int[] fixed = new int[count * kernelSize];
      double[] k = new double[kernelSize];
      for (int xx = from; xx < from + count; xx++) {
        double center = (xx + 0.5) * scale;
        double invFilterScale = 1.0 / filterScale;
        // (int) truncates toward zero like the C cast; the clamps make the sign irrelevant.
        int xmin = Math.max((int) (center - support + 0.5), 0);
        int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
        double sum = 0.0;
        for (int x = 0; x < xmax; x++) {
          double w = triangle((x + xmin - center + 0.5) * invFilterScale);
          k[x] = w;
          sum += w;
        }
        for (int x = 0; x < xmax; x++) {
          double w = sum != 0.0 ? k[x] / sum : k[x];
          fixed[(xx - from) * kernelSize + x] = w < 0
              ? (int) (-0.5 + w * (1 << PRECISION_BITS))
              : (int) (0.5 + w * (1 << PRECISION_BITS));
        }
        bounds[(xx - from) * 2] = xmin;
        bounds[(xx - from) * 2 + 1] = xmax;
      }
      return new Weights(outSize, kernelSize, bounds, fixed, from);
    }

    private static double triangle(double x) {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }
  }
}
