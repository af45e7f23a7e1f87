package org.gradcam4j.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small synthetic images and encoders for the image tests. */
final class TestImages {
  private TestImages() {}

  /** A smooth colour gradient with some texture, so that JPEG keeps many levels. */
  static RgbImage gradient(int width, int height) {
    RgbImage img = RgbImage.blank(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.set(x, y, 0, x * 255 / Math.max(1, width - 1));
        img.set(x, y, 1, y * 255 / Math.max(1, height - 1));
        img.set(x, y, 2, (x + y) * 255 / Math.max(1, width + height - 2));
      }
    }
    return img;
  }

  static RgbImage filled(int width, int height, int r, int g, int b) {
    RgbImage img = RgbImage.blank(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.set(x, y, 0, r);
        img.set(x, y, 1, g);
        img.set(x, y, 2, b);
      }
    }
    return img;
  }

  static BufferedImage toBufferedImage(RgbImage img) {
    return BufferedImages.toBgr(img);
  }

  static byte[] png(BufferedImage image) {
    return encode(image, "png", null);
  }

  static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
    return encode(image, "jpeg", param -> {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
    });
  }

  interface ParamSetter {
    void apply(ImageWriteParam param);
  }

  static byte[] encode(Object imageOrRaster, String format, ParamSetter setter) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (setter != null) {
        setter.apply(param);
      }
      IIOImage iio = imageOrRaster instanceof BufferedImage b
          ? new IIOImage(b, null, null)
          : new IIOImage((java.awt.image.Raster) imageOrRaster, null, null);
      writer.write(null, iio, param);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
