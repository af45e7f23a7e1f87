package org.gradcam4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.io.AtomicFiles;

/**
 * The PNG files of the synthetic benchmark that are not ordinary RGB images: 1-bit masks and the
 * preview sheet (RGB images go through {@link org.gradcam4j.image.PngWriter} and
 * {@link org.gradcam4j.image.ImageDecoder}). Streams are cached in memory, not in temporary files,
 * and every file is written atomically.
 */
final class PngFiles {
  private PngFiles() {}

  /** A 1-bit PNG: white where the mask is set, black elsewhere. */
  static void writeMask(Path file, Mask mask) {
    BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_BINARY);
    var raster = out.getRaster();
    for (int y = 0; y < mask.height(); y++) {
      for (int x = 0; x < mask.width(); x++) {
        raster.setSample(x, y, 0, mask.get(x, y) ? 1 : 0);
      }
    }
    write(file, out);
  }

  static void write(Path file, BufferedImage image) {
    AtomicFiles.write(file, out -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(image);
      } finally {
        writer.dispose();
      }
    });
  }

  /** Reads a mask image: a pixel is set when its brightness is above one half. */
  static Mask readMask(Path file) {
    BufferedImage in = read(file);
    boolean[] bits = new boolean[in.getWidth() * in.getHeight()];
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        int argb = in.getRGB(x, y);
        int sum = (argb >> 16 & 0xff) + (argb >> 8 & 0xff) + (argb & 0xff);
        bits[y * in.getWidth() + x] = sum > 3 * 127;
      }
    }
    return new Mask(in.getWidth(), in.getHeight(), bits);
  }

  private static BufferedImage read(Path file) {
    try (InputStream in = Files.newInputStream(file);
        ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw new GradCamException("Cannot read " + file + ": not a PNG (or other supported) image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (NoSuchFileException e) {
      throw new GradCamException("Cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new GradCamException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
