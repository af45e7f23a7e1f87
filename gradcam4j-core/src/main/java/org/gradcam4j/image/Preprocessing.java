package org.gradcam4j.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * How a photo becomes a classifier's input tensor: resize the shorter side (Pillow bilinear), crop
 * the centre square, reorder the channels, then per plane {@code value = (u8 / divisor - mean[c]) /
 * std[c]}, evaluated in float32 in exactly that order (a division by {@code divisor} and by {@code
 * std}, as torchvision's {@code ToTensor} and {@code Normalize} do, because multiplying by the
 * reciprocal can differ in the last bit).
 *
 * @param resize the shorter side after resizing, 0 to keep the photo's size
 * @param crop the side of the centred square crop, 0 for no crop
 * @param channelOrder the channel order of the model's input planes
 * @param divisor the 0..255 value is divided by this first (1, 127.5, 255)
 * @param mean subtracted per plane, in the model's channel order
 * @param std divides per plane, in the model's channel order
 */
public record Preprocessing(int resize, int crop, ChannelOrder channelOrder, float divisor, float[] mean, float[] std) {
  /** The resize used by every preset. */
  public static final int DEFAULT_RESIZE = 256;
  /** The crop used by every preset. */
  public static final int DEFAULT_CROP = 224;

  private static final Map<String, Preprocessing> PRESETS = new TreeMap<>(Map.of(
      "imagenet", new Preprocessing(DEFAULT_RESIZE, DEFAULT_CROP, ChannelOrder.RGB, 255f,
          new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
      "caffe-bgr", new Preprocessing(DEFAULT_RESIZE, DEFAULT_CROP, ChannelOrder.BGR, 1f,
          new float[] {104f, 117f, 123f}, new float[] {1f, 1f, 1f}),
      "inception", new Preprocessing(DEFAULT_RESIZE, DEFAULT_CROP, ChannelOrder.RGB, 127.5f,
          new float[] {1f, 1f, 1f}, new float[] {1f, 1f, 1f}),
      "none", new Preprocessing(DEFAULT_RESIZE, DEFAULT_CROP, ChannelOrder.RGB, 1f,
          new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f})));

  public Preprocessing {
    if (resize < 0 || crop < 0) {
      throw new IllegalArgumentException("resize and crop must be 0 (off) or positive, got " + resize + " and " + crop);
    }
    if (channelOrder == null) {
      throw new IllegalArgumentException("channel order is missing");
    }
    if (!(divisor > 0) || Float.isInfinite(divisor)) {
      throw new IllegalArgumentException("divisor must be a positive number, got " + divisor);
    }
    if (mean == null || mean.length != 3 || std == null || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values each, one per channel");
    }
    for (float s : std) {
      if (s == 0 || !Float.isFinite(s)) {
        throw new IllegalArgumentException("std values must be finite and non-zero, got " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * A named preset: {@code imagenet} (RGB, /255, torchvision mean and std), {@code caffe-bgr} (BGR,
   * 0..255 minus 104/117/123), {@code inception} (RGB, /127.5 - 1), {@code none} (RGB, 0..255);
   * all resize to 256 and crop 224.
   *
   * @throws GradCamException naming the known presets when {@code name} is not one of them
   */
  public static Preprocessing preset(String name) {
    Preprocessing p = PRESETS.get(name.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new GradCamException("unknown preprocessing preset '" + name + "'; known presets: "
          + String.join(", ", PRESETS.keySet()));
    }
    return p;
  }

  /** The names {@link #preset} accepts, sorted. */
  public static List<String> presetNames() {
    return new ArrayList<>(PRESETS.keySet());
  }

  /** The same with another shorter-side size (0 = no resize). */
  public Preprocessing withResize(int newResize) {
    return new Preprocessing(newResize, crop, channelOrder, divisor, mean, std);
  }

  /** The same with another crop size (0 = no crop). */
  public Preprocessing withCrop(int newCrop) {
    return new Preprocessing(resize, newCrop, channelOrder, divisor, mean, std);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** The geometric part only: the resized and cropped photo, e.g. to draw overlays on. */
  public RgbImage resizeAndCrop(RgbImage image) {
    if (resize > 0 && crop > 0) {
      return Resizing.resizeShorterSideAndCenterCrop(image, resize, crop, crop);
    }
    RgbImage out = image;
    if (resize > 0) {
      out = Resizing.resizeShorterSide(out, resize);
    }
    if (crop > 0) {
      out = Resizing.centerCrop(out, crop, crop);
    }
    return out;
  }

  /** Resizes, crops and normalises: a float tensor [3, H, W] in the model's channel order. */
  public FloatTensor toTensor(RgbImage image) {
    return normalize(resizeAndCrop(image));
  }

  /** Like {@link #toTensor} for several photos, stacked into [N, 3, H, W]. */
  public FloatTensor toBatch(List<RgbImage> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to put in a batch");
    }
    List<FloatTensor> items = new ArrayList<>(images.size());
    for (RgbImage image : images) {
      FloatTensor t = toTensor(image);
      if (!items.isEmpty() && !Arrays.equals(items.get(0).shape(), t.shape())) {
        throw new GradCamException("images of different sizes cannot share a batch: "
            + Arrays.toString(items.get(0).shape()) + " and " + Arrays.toString(t.shape())
            + " (set a crop size so that every image ends up the same size)");
      }
      items.add(t);
    }
    return FloatTensor.stack(items);
  }

  /** Only the value mapping, on an image that already has the model's size: [3, H, W]. */
  public FloatTensor normalize(RgbImage image) {
    int plane = image.width() * image.height();
    float[] out = new float[3 * plane];
    byte[] px = image.pixels();
    for (int c = 0; c < 3; c++) {
      float[] lut = valueTable(c);
      int source = channelOrder.sourceChannel(c);
      int base = c * plane;
      for (int i = 0; i < plane; i++) {
        out[base + i] = lut[px[i * 3 + source] & 0xff];
      }
    }
    return new FloatTensor(new long[] {3, image.height(), image.width()}, out);
  }

  /** The normalised value of each 0..255 level for plane {@code c}, in float32 as specified. */
  private float[] valueTable(int c) {
    float[] lut = new float[256];
    for (int v = 0; v < 256; v++) {
      float t = v / divisor;
      t = t - mean[c];
      lut[v] = t / std[c];
    }
    return lut;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing p && resize == p.resize && crop == p.crop && channelOrder == p.channelOrder
        && Float.compare(divisor, p.divisor) == 0 && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
  }

  @Override
  public int hashCode() {
    return ((31 * resize + crop) * 31 + channelOrder.hashCode()) * 31 + Float.hashCode(divisor)
        + 7 * Arrays.hashCode(mean) + 13 * Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Preprocessing[resize=" + resize + ", crop=" + crop + ", " + channelOrder + ", divisor=" + divisor
        + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
