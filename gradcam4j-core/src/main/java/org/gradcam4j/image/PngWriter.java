package org.gradcam4j.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;

/** Saves images as 8-bit RGB PNG files, atomically (a reader never sees a half-written file). */
public final class PngWriter {
  private PngWriter() {}

  /** Writes {@code image} to {@code file}, creating missing folders, replacing an existing file. */
  public static void write(Path file, RgbImage image) {
    AtomicFiles.write(file, out -> encode(image, out));
  }

  /** The PNG file content of {@code image}. */
  public static byte[] encode(RgbImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      encode(image, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen when writing to memory
    }
    return out.toByteArray();
  }

  private static void encode(RgbImage image, OutputStream out) throws IOException {
    ImageWriter writer = pngWriter();
    // A memory cache instead of ImageIO's default temporary file: nothing is left behind on failure.
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(BufferedImages.toBgr(image), null, null), null);
      stream.flush();
    } finally {
      writer.dispose();
    }
  }

  private static ImageWriter pngWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new GradCamException("this Java runtime has no PNG encoder");
    }
    return writers.next();
  }
}
