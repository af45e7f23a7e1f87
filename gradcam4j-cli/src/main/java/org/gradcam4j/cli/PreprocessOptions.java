package org.gradcam4j.cli;

import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import picocli.CommandLine.Option;

/** Image pre-processing options shared by the verbs that read images. */
final class PreprocessOptions {
  @Option(names = "--preset", paramLabel = "NAME",
      description = "imagenet (RGB, /255, ImageNet mean/std), caffe-bgr (BGR 0-255 minus 104/117/123),"
          + " inception (RGB x/127.5-1) or none (default: the model card's, else imagenet).")
  String preset;

  @Option(names = "--resize", paramLabel = "PIXELS", description = "Resize the shorter side to this (0 = keep; preset default 256).")
  Integer resize;

  @Option(names = "--crop", paramLabel = "PIXELS", description = "Centre-crop to this square size (0 = no crop; preset default 224).")
  Integer crop;

  @Option(names = "--bgr", description = "Feed channels in BGR order.")
  boolean bgr;

  @Option(names = "--mean", paramLabel = "a,b,c", split = ",", description = "Per-channel mean, in the model's channel order.")
  float[] mean;

  @Option(names = "--std", paramLabel = "a,b,c", split = ",", description = "Per-channel standard deviation.")
  float[] std;

  @Option(names = "--scale", paramLabel = "F", description = "Multiply 0-255 pixel values by F before mean/std (imagenet: 1/255).")
  Float scale;

  /** The preset (else the model card's pre-processing, else imagenet), with explicit options on top. */
  Preprocessing resolve(Explainer explainer, java.util.Optional<Preprocessing> fromCard) {
    Preprocessing p = preset != null ? Preprocessing.preset(preset)
        : fromCard.orElseGet(() -> Preprocessing.preset("imagenet"));
    if (resize != null) {
      p = p.withResize(resize);
    }
    if (crop != null) {
      p = p.withCrop(crop);
    }
    float[] m = mean != null ? check(mean, "--mean") : p.mean();
    float[] s = std != null ? check(std, "--std") : p.std();
    float divisor = p.divisor();
    if (scale != null) {
      if (!(scale > 0)) {
        throw new GradCamException("--scale must be positive, got " + scale);
      }
      divisor = 1f / scale;
    }
    ChannelOrder order = bgr ? ChannelOrder.BGR : p.channelOrder();
    p = new Preprocessing(p.resize(), p.crop(), order, divisor, m, s);
    int[] fixed = explainer.fixedInputSize();
    if (fixed != null && p.crop() > 0 && (fixed[0] != p.crop() || fixed[1] != p.crop())) {
      throw new GradCamException("The model needs " + fixed[0] + "x" + fixed[1] + " images but --crop is "
          + p.crop() + "; use --crop " + fixed[0]);
    }
    return p;
  }

  /**
   * Synthetic images have no photo size to keep, so unless the user set a resize or crop they are fed
   * at the model's fixed input size, or as drawn ({@code imageSize}) when the model takes any size.
   */
  void feedSyntheticImagesAtTheModelSize(Explainer explainer, int imageSize) {
    if (resize != null || crop != null) {
      return;
    }
    int[] fixed = explainer.fixedInputSize();
    int side = fixed != null && fixed[0] == fixed[1] ? fixed[0] : imageSize;
    resize = side == imageSize ? 0 : side;
    crop = side == imageSize ? 0 : side;
  }

  private static float[] check(float[] v, String option) {
    if (v.length != 3) {
      throw new GradCamException(option + " needs three comma-separated values, got " + v.length);
    }
    return v;
  }
}
