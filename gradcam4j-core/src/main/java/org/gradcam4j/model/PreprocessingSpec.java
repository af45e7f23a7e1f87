package org.gradcam4j.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/**
 * How an image must be turned into the model's input tensor, as plain values. Every field is
 * optional: a {@link #preset} names a well-known recipe (see
 * {@link org.gradcam4j.image.Preprocessing#preset}) and any
 * explicit field overrides the preset's value. {@link #toPreprocessing()} turns it into the image
 * package's pre-processing.
 *
 * <p>The recipe, in order: resize so that the shorter side is {@code resize} pixels (keeping the
 * aspect ratio), cut the centre {@code crop}&times;{@code crop} square, order the channels as
 * {@code channelOrder}, multiply the 0&ndash;255 pixel values by {@code scale}, then subtract
 * {@code mean} and divide by {@code std}. {@code mean} and {@code std} are listed in the tensor's
 * channel order (so B, G, R for {@code "BGR"}) and in the units left after {@code scale}.
 * {@code layout} says where the channel axis sits in the input tensor.
 *
 * @param preset a preset name of {@link org.gradcam4j.image.Preprocessing#preset}, or null
 * @param resize length of the shorter side after resizing, in pixels
 * @param crop side of the centred square that is kept, in pixels
 * @param channelOrder {@code "RGB"} or {@code "BGR"}
 * @param scale factor applied to the 0&ndash;255 pixel values before {@code mean} and {@code std}
 * @param mean three values subtracted per channel
 * @param std three values each channel is divided by
 * @param layout {@code "NCHW"} or {@code "NHWC"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreprocessingSpec(
    String preset,
    Integer resize,
    Integer crop,
    String channelOrder,
    Float scale,
    List<Float> mean,
    List<Float> std,
    String layout) {

  public static final String RGB = "RGB";
  public static final String BGR = "BGR";
  public static final String NCHW = "NCHW";
  public static final String NHWC = "NHWC";

  /** Checks every given value, so that a bad card or catalogue entry fails where it is read. */
  public PreprocessingSpec {
    List<String> problems = new ArrayList<>();
    if (preset != null && !org.gradcam4j.image.Preprocessing.presetNames().contains(preset)) {
      problems.add("unknown preset '" + preset + "' (known: "
          + String.join(", ", org.gradcam4j.image.Preprocessing.presetNames()) + ")");
    }
    if (resize != null && resize <= 0) {
      problems.add("resize must be a positive number of pixels, not " + resize);
    }
    if (crop != null && crop <= 0) {
      problems.add("crop must be a positive number of pixels, not " + crop);
    }
    if (channelOrder != null) {
      channelOrder = channelOrder.toUpperCase(Locale.ROOT);
      if (!channelOrder.equals(RGB) && !channelOrder.equals(BGR)) {
        problems.add("channelOrder must be \"RGB\" or \"BGR\", not \"" + channelOrder + "\"");
      }
    }
    if (scale != null && !(scale > 0 && Float.isFinite(scale))) {
      problems.add("scale must be a positive number, not " + scale);
    }
    checkTriple("mean", mean, false, problems);
    checkTriple("std", std, true, problems);
    if (layout != null) {
      layout = layout.toUpperCase(Locale.ROOT);
      if (!layout.equals(NCHW) && !layout.equals(NHWC)) {
        problems.add("layout must be \"NCHW\" or \"NHWC\", not \"" + layout + "\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid preprocessing: " + String.join("; ", problems));
    }
    mean = mean == null ? null : List.copyOf(mean);
    std = std == null ? null : List.copyOf(std);
  }

  /** Only a preset name; every other value comes from the preset. */
  public static PreprocessingSpec preset(String name) {
    return new PreprocessingSpec(name, null, null, null, null, null, null, null);
  }

  /** True when every value is given explicitly, so that no preset is needed. */
  @JsonIgnore
  public boolean isExplicit() {
    return resize != null && crop != null && channelOrder != null && scale != null && mean != null && std != null
        && layout != null;
  }

  /** The channel layout, NCHW unless the spec says otherwise. */
  @JsonIgnore
  public String layoutOrDefault() {
    return layout == null ? NCHW : layout;
  }

  /**
   * The image pre-processing this spec describes: the preset's values (or, without a preset, those
   * of {@code none}) with every explicit value laid over them.
   * The layout does not change it: a channels-last model gets a channels-first input when it is
   * prepared (see {@link org.gradcam4j.onnx.ChannelsLast}), so images are fed [N, 3, H, W] either way.
   */
  public org.gradcam4j.image.Preprocessing toPreprocessing() {
    org.gradcam4j.image.Preprocessing base = org.gradcam4j.image.Preprocessing.preset(preset == null ? "none" : preset);
    return new org.gradcam4j.image.Preprocessing(
        resize != null ? resize : base.resize(),
        crop != null ? crop : base.crop(),
        channelOrder != null ? org.gradcam4j.image.ChannelOrder.valueOf(channelOrder) : base.channelOrder(),
        scale != null ? 1f / scale : base.divisor(),
        mean != null ? toArray(mean) : base.mean(),
        std != null ? toArray(std) : base.std());
  }

  private static float[] toArray(List<Float> values) {
    float[] a = new float[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }

  private static void checkTriple(String name, List<Float> values, boolean nonZero, List<String> problems) {
    if (values == null) {
      return;
    }
    if (values.size() != 3) {
      problems.add(name + " needs exactly 3 values (one per channel), got " + values.size());
      return;
    }
    for (Float v : values) {
      if (v == null || !Float.isFinite(v)) {
        problems.add(name + " values must be finite numbers, got " + values);
        return;
      }
      if (nonZero && v == 0f) {
        problems.add(name + " values must not be 0 (they divide), got " + values);
        return;
      }
    }
  }
}
