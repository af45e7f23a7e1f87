package org.gradcam4j.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.error.GradCamException;

/**
 * A colour scale for heat maps: 256 colours, one per 8-bit level, built by linear interpolation
 * between a few anchor colours.
 *
 * <p>{@code jet} is OpenCV's {@code COLORMAP_JET} (the one pytorch-grad-cam overlays use), which
 * is exactly piecewise linear; its levels are rounded the way OpenCV builds its table, so the bytes
 * are the same. {@code turbo}, {@code viridis} and {@code inferno} follow their published scales
 * through 17 evenly spaced anchors (within 7 levels of OpenCV's tables). {@code coolwarm} and
 * {@code bwr} are diverging, for signed maps, with the neutral colour at level 127.5.
 */
public final class Colormap {
  private static final Map<String, Colormap> BY_NAME = new LinkedHashMap<>();

  /** OpenCV's jet: dark blue, blue, cyan, yellow, red, dark red. */
  public static final Colormap JET = register(fromFractions("jet", false,
      new double[] {0, 1 / 8.0, 3 / 8.0, 5 / 8.0, 7 / 8.0, 1},
      new double[][] {{0, 0, 0.5}, {0, 0, 1}, {0, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0.5, 0, 0}}));
  /** Google's turbo: an improved rainbow, dark blue to dark red. */
  public static final Colormap TURBO = register(evenlySpaced("turbo", false,
      0x30123b, 0x4040a2, 0x466be3, 0x4293ff, 0x28bbec, 0x18dcc3, 0x31f299, 0x6bfe64, 0xa2fc3c,
      0xcced34, 0xedd03a, 0xfdad35, 0xfb8022, 0xec520f, 0xd23105, 0xac1701, 0x7a0403));
  /** Matplotlib's viridis: perceptually uniform, purple to yellow. */
  public static final Colormap VIRIDIS = register(evenlySpaced("viridis", false,
      0x440154, 0x48186a, 0x472d7b, 0x424086, 0x3b528b, 0x33638d, 0x2c728e, 0x26828e, 0x21908c,
      0x1f9f88, 0x27ad81, 0x3ebc74, 0x5cc863, 0x82d34d, 0xaadc32, 0xd5e21a, 0xfde725));
  /** Matplotlib's inferno: perceptually uniform, black to pale yellow. */
  public static final Colormap INFERNO = register(evenlySpaced("inferno", false,
      0x000004, 0x0b0724, 0x210c4a, 0x3d0965, 0x56106e, 0x70196e, 0x89226a, 0xa32c61, 0xbb3654,
      0xd14545, 0xe35932, 0xf1721e, 0xf98c0a, 0xfcaa0f, 0xf9c932, 0xf2e865, 0xfcffa4));
  /** Black to white. */
  public static final Colormap GRAY = register(evenlySpaced("gray", false, 0x000000, 0xffffff));
  /** Moreland's cool-warm diverging scale: blue, light grey in the middle, red. */
  public static final Colormap COOLWARM = register(evenlySpaced("coolwarm", true,
      0x3b4cc0, 0x8db0fe, 0xdddddd, 0xf49a7b, 0xb40426));
  /** Blue, white in the middle, red. */
  public static final Colormap BWR = register(evenlySpaced("bwr", true, 0x0000ff, 0xffffff, 0xff0000));

  private final String name;
  private final boolean diverging;
  private final int[] rgb;

  private Colormap(String name, boolean diverging, int[] rgb) {
    this.name = name;
    this.diverging = diverging;
    this.rgb = rgb;
  }

  /**
   * The colormap called {@code name} (case-insensitive).
   *
   * @throws GradCamException listing the known names when there is none of that name
   */
  public static Colormap named(String name) {
    Colormap c = BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (c == null) {
      throw new GradCamException("unknown colormap '" + name + "'; known colormaps: " + String.join(", ", names()));
    }
    return c;
  }

  /** Every name {@link #named} accepts. */
  public static List<String> names() {
    return new ArrayList<>(BY_NAME.keySet());
  }

  public String name() {
    return name;
  }

  /** Whether the scale is meant for signed values, with 0 mapped to the middle level. */
  public boolean isDiverging() {
    return diverging;
  }

  /** The colour of {@code level} (0..255) as 0xRRGGBB. */
  public int rgb(int level) {
    if (level < 0 || level > 255) {
      throw new IllegalArgumentException("colormap level must be 0..255, got " + level);
    }
    return rgb[level];
  }

  /**
   * The level of a value in [0, 1] as NumPy's {@code np.uint8(255 * value)} computes it: scaled in
   * float32 and truncated; values outside [0, 1] (and NaN, as 0) are clamped.
   */
  public static int level(float value) {
    float scaled = 255f * value;
    if (!(scaled > 0f)) {
      return 0;
    }
    return scaled >= 255f ? 255 : (int) scaled;
  }

  /** The colour of a value in [0, 1] as 0xRRGGBB, at {@link #level}. */
  public int rgbOf(float value) {
    return rgb[level(value)];
  }

  @Override
  public String toString() {
    return name;
  }

  private static Colormap register(Colormap c) {
    BY_NAME.put(c.name, c);
    return c;
  }

  private static Colormap evenlySpaced(String name, boolean diverging, int... anchors) {
    double[] positions = new double[anchors.length];
    double[][] colours = new double[anchors.length][];
    for (int i = 0; i < anchors.length; i++) {
      positions[i] = i / (double) (anchors.length - 1);
      colours[i] = new double[] {
          (anchors[i] >> 16 & 0xff) / 255.0, (anchors[i] >> 8 & 0xff) / 255.0, (anchors[i] & 0xff) / 255.0};
    }
    return fromFractions(name, diverging, positions, colours);
  }

  /**
   * Builds the 256 colours from anchors (positions in [0, 1], channel values in [0, 1]).
   *
   * <p>The rounding copies how OpenCV turns its colour tables into bytes, which matters for jet:
   * every level on jet's slopes lies exactly half-way between two bytes, so the result depends on
   * float32 noise. OpenCV holds the 256 channel values as float32, re-samples them at the 256
   * float32 points {@code i * (1f / 255)} by linear interpolation (between sample {@code i - 1} and
   * {@code i}), multiplies by 255 in float32 and rounds half to even. Doing the same here gives
   * OpenCV's bytes.
   */
  private static Colormap fromFractions(String name, boolean diverging, double[] positions, double[][] colours) {
    float step = 1f / 255;
    float[] x = new float[256];
    for (int i = 0; i < 256; i++) {
      x[i] = i * step;
    }
    int[] table = new int[256];
    for (int channel = 0; channel < 3; channel++) {
      float[] y = new float[256];
      for (int i = 0; i < 256; i++) {
        y[i] = (float) interpolate(positions, colours, channel, i / 255.0);
      }
      for (int i = 0; i < 256; i++) {
        float value = i == 0 ? y[0] : y[i - 1] + (x[i] - x[i - 1]) * (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        int b = (int) Math.rint(value * 255f);
        table[i] |= Math.max(0, Math.min(255, b)) << (16 - 8 * channel);
      }
    }
    return new Colormap(name, diverging, table);
  }

  private static double interpolate(double[] positions, double[][] colours, int channel, double v) {
    int k = 1;
    while (k < positions.length - 1 && v > positions[k]) {
      k++;
    }
    double t = (v - positions[k - 1]) / (positions[k] - positions[k - 1]);
    return colours[k - 1][channel] + t * (colours[k][channel] - colours[k - 1][channel]);
  }
}
