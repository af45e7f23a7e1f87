package org.gradcam4j.eval.run;

import java.util.Optional;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;

/**
 * Where an image's pixels end up in the model input after {@link Preprocessing#resizeAndCrop}: a
 * scale per axis (the shorter side resized, the longer one rounded) followed by a shift (the centre
 * crop). Ground truth is moved with the same mapping so that it lies over the same pixels as the maps.
 *
 * @param scaleX horizontal scale of the resize
 * @param scaleY vertical scale of the resize
 * @param left first column of the crop in the resized image (negative where the crop pads)
 * @param top first row of the crop in the resized image
 * @param width width of the model input
 * @param height height of the model input
 */
record InputGeometry(double scaleX, double scaleY, int left, int top, int width, int height) {
  /** The mapping {@code pre} applies to a {@code width x height} image. */
  static InputGeometry of(Preprocessing pre, int width, int height) {
    int w = width;
    int h = height;
    double sx = 1;
    double sy = 1;
    if (pre.resize() > 0) {
      // As Resizing.resizeShorterSide: the shorter side becomes the size, the other is rounded half-even.
      int nw;
      int nh;
      if (w <= h) {
        nw = pre.resize();
        nh = (int) Math.rint((double) ((long) pre.resize() * h) / w);
      } else {
        nw = (int) Math.rint((double) ((long) pre.resize() * w) / h);
        nh = pre.resize();
      }
      sx = (double) nw / w;
      sy = (double) nh / h;
      w = nw;
      h = nh;
    }
    int left = 0;
    int top = 0;
    if (pre.crop() > 0) {
      left = cropOffset(w, pre.crop());
      top = cropOffset(h, pre.crop());
      w = pre.crop();
      h = pre.crop();
    }
    return new InputGeometry(sx, sy, left, top, w, h);
  }

  // As Resizing.centerCrop: round half-even of the margin, or padding split floor/ceil.
  private static int cropOffset(int size, int crop) {
    if (crop > size) {
      return -((crop - size) / 2);
    }
    return (int) Math.rint((size - crop) / 2.0);
  }

  boolean isIdentity() {
    return scaleX == 1 && scaleY == 1 && left == 0 && top == 0;
  }

  /**
   * {@code truth} (in the coordinates of the original image) in model-input coordinates: boxes by
   * {@link GroundTruth#transformed}, a mask by the same resize and crop as the image, kept where at
   * least half of an input pixel comes from the mask.
   */
  GroundTruth map(GroundTruth truth, Preprocessing pre) {
    GroundTruth moved = truth.transformed(scaleX, scaleY, -left, -top, width, height);
    if (truth.mask().isEmpty() || moved.mask().isPresent()) {
      return moved;
    }
    return new GroundTruth(moved.objects(), Optional.of(mapMask(truth.mask().get(), pre)));
  }

  private Mask mapMask(Mask mask, Preprocessing pre) {
    byte[] px = new byte[mask.width() * mask.height() * 3];
    boolean[] in = mask.inside();
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        px[3 * i] = (byte) 255;
      }
    }
    RgbImage moved = pre.resizeAndCrop(new RgbImage(mask.width(), mask.height(), px));
    if (moved.width() != width || moved.height() != height) {
      throw new IllegalStateException("mask became " + moved.width() + "x" + moved.height() + ", expected "
          + width + "x" + height);
    }
    boolean[] out = new boolean[width * height];
    byte[] m = moved.pixels();
    for (int i = 0; i < out.length; i++) {
      out[i] = (m[3 * i] & 0xff) >= 128;
    }
    return new Mask(width, height, out);
  }
}
