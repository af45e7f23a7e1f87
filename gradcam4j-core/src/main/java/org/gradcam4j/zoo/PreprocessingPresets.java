package org.gradcam4j.zoo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named pre-processing recipes that model cards and the catalogue may refer to. Each fixes
 * every value of {@link Preprocessing}; the geometry (shorter side 256, centre crop 224, NCHW) is
 * the common ImageNet evaluation protocol and is meant to be overridden where a model differs.
 *
 * <ul>
 *   <li>{@code imagenet}: RGB, values in 0&ndash;1, mean (0.485, 0.456, 0.406), std (0.229, 0.224,
 *       0.225) &mdash; torchvision, MXNet Gluon and most ONNX-zoo models.
 *   <li>{@code caffe-bgr}: BGR, values in 0&ndash;255, mean B 103.939, G 116.779, R 123.68, std 1
 *       &mdash; models trained with Caffe / Caffe2 (VGG, GoogLeNet, ResNet-50 Caffe2).
 *   <li>{@code inception}: RGB, values scaled to &minus;1&hellip;1 ({@code x / 127.5 - 1}) &mdash;
 *       TensorFlow/Keras Inception, MobileNet and EfficientNet ports.
 *   <li>{@code none}: RGB, raw 0&ndash;255 values, no normalisation.
 * </ul>
 */
public final class PreprocessingPresets {
  public static final String IMAGENET = "imagenet";
  public static final String CAFFE_BGR = "caffe-bgr";
  public static final String INCEPTION = "inception";
  public static final String NONE = "none";

  private static final float ONE_255TH = 1f / 255f;
  private static final Map<String, Preprocessing> PRESETS = new LinkedHashMap<>();

  static {
    define(IMAGENET, Preprocessing.RGB, ONE_255TH, List.of(0.485f, 0.456f, 0.406f), List.of(0.229f, 0.224f, 0.225f));
    define(CAFFE_BGR, Preprocessing.BGR, 1f, List.of(103.939f, 116.779f, 123.68f), List.of(1f, 1f, 1f));
    define(INCEPTION, Preprocessing.RGB, ONE_255TH, List.of(0.5f, 0.5f, 0.5f), List.of(0.5f, 0.5f, 0.5f));
    define(NONE, Preprocessing.RGB, 1f, List.of(0f, 0f, 0f), List.of(1f, 1f, 1f));
  }

  private PreprocessingPresets() {}

  /** The preset names, in a stable order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(PRESETS.keySet());
  }

  public static boolean isKnown(String name) {
    return PRESETS.containsKey(name);
  }

  /** Every value of the named preset; fails with the list of known names for an unknown one. */
  public static Preprocessing values(String name) {
    Preprocessing p = PRESETS.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown preprocessing preset '" + name + "' (known: "
          + String.join(", ", names()) + ")");
    }
    return p;
  }

  private static void define(String name, String order, float scale, List<Float> mean, List<Float> std) {
    // The Preprocessing constructor only accepts known preset names, so the name is registered with
    // unnamed values first and then replaced by the named recipe.
    Preprocessing unnamed = new Preprocessing(null, 256, 224, order, scale, mean, std, Preprocessing.NCHW);
    PRESETS.put(name, unnamed);
    PRESETS.put(name, new Preprocessing(name, 256, 224, order, scale, mean, std, Preprocessing.NCHW));
  }
}
