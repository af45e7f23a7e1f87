package org.gradcam4j.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG and JPEG files into 8-bit RGB pixels, giving the same values as Python's
 * {@code PIL.Image.open(path).convert("RGB")}, which is what the reference pipelines feed their
 * models:
 *
 * <ul>
 *   <li>the stored samples are taken as they are: embedded ICC profiles and PNG gamma are ignored
 *       (ImageIO would otherwise colour-convert when pixels are fetched as sRGB);
 *   <li>alpha is dropped, not composited onto a background;
 *   <li>grey becomes R = G = B; palette images are looked up in their palette;
 *   <li>16-bit samples keep their high byte (as Pillow does for 16-bit RGB and grey-alpha PNGs;
 *       Pillow clips plain 16-bit grey PNGs to 255 instead, which this decoder does not copy);
 *   <li>EXIF orientation is not applied (Pillow's {@code open} does not apply it either).
 * </ul>
 *
 * <p>A file that is truncated or corrupt is rejected rather than decoded with grey or missing rows:
 * the JPEG decoder reports such damage only as a warning, so every warning that is not known to be
 * harmless fails the decode.
 */
public final class ImageDecoder {
  /**
   * The most pixels an image may have: Pillow's decompression-bomb threshold (its
   * {@code MAX_IMAGE_PIXELS}, 89 478 485, about 9 500 x 9 500). A few hundred bytes of PNG or JPEG
   * can declare a 100 000 x 100 000 image; the header is checked before any pixel is decoded, so such
   * a file costs nothing. Images with 16-bit samples or an alpha channel count for the memory they
   * take to decode. Larger real photos can be allowed with the system property
   * {@code gradcam4j.maxImagePixels}.
   */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

  /** The largest image whose RGB bytes fit a Java array: the limit can never be raised above it. */
  private static final long ARRAY_LIMIT = (Integer.MAX_VALUE - 8L) / 3;

  /** Bytes per pixel of the decoder's raw raster (all bands, all bits), or 3 when the header does not say. */
  private static int rawBytesPerPixel(ImageReader reader) throws java.io.IOException {
    javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
    if (raw == null) {
      return 3;
    }
    java.awt.image.SampleModel sm = raw.getSampleModel();
    int bits = 0;
    for (int band = 0; band < sm.getNumBands(); band++) {
      bits += sm.getSampleSize(band);
    }
    return Math.max(1, (bits + 7) / 8);
  }

  /** The pixel limit in force: {@link #DEFAULT_MAX_PIXELS} unless the system property says otherwise. */
  static long maxPixels() {
    String set = System.getProperty("gradcam4j.maxImagePixels");
    if (set == null) {
      return DEFAULT_MAX_PIXELS;
    }
    try {
      return Math.min(ARRAY_LIMIT, Math.max(1, Long.parseLong(set.trim())));
    } catch (NumberFormatException e) {
      throw new org.gradcam4j.error.GradCamException("gradcam4j.maxImagePixels must be a whole number of pixels, got '"
          + set + "'");
    }
  }

  /**
   * Warnings that do not affect the pixels: stray bytes between JPEG segments, and metadata this
   * decoder ignores anyway (thumbnails, colour profiles).
   */
  private static final List<String> HARMLESS_WARNINGS = List.of("extraneous bytes", "thumbnail", "color profile");

  private ImageDecoder() {}

  /**
   * Decodes a PNG or JPEG file.
   *
   * @throws ImageDecodeException naming the file when it is missing, empty, not a PNG or JPEG,
   *     truncated or corrupt, or in a colour model that has no RGB meaning (such as CMYK)
   */
  public static RgbImage read(Path file) {
    return decode(readBytes(file), file);
  }

  /**
   * Decodes the content of a PNG or JPEG file held in memory; {@code source} names it in error
   * messages.
   */
  public static RgbImage decode(byte[] bytes, Path source) {
    if (bytes.length == 0) {
      throw new ImageDecodeException(source, "the file is empty (0 bytes)");
    }
    ImageFormat format = ImageFormat.detect(bytes);
    if (format == null) {
      String other = ImageFormat.describeOther(bytes);
      throw new ImageDecodeException(source, "not a PNG or JPEG image"
          + (other == null ? "" : " (it looks like " + other + "; convert it to PNG or JPEG)"));
    }
    ImageReader reader = readerFor(format, source);
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new ImageDecodeException(source, "the " + format + " header gives an empty size " + width + "x" + height);
      }
      long limit = maxPixels();
      long pixels = (long) width * height;
      // A decoded 8-bit RGB pixel takes 3 bytes; 16-bit samples and alpha take more, so they count for more.
      long weighted = pixels * Math.max(3, rawBytesPerPixel(reader)) / 3;
      if (weighted > limit) {
        throw new ImageDecodeException(source, "the image is too large to decode: " + width + "x" + height + " = "
            + pixels + " pixels" + (weighted > pixels ? " (" + weighted + " counting its 16-bit or alpha samples)" : "")
            + ", more than the limit of " + limit + " (a decompression bomb?"
            + " raise it with -Dgradcam4j.maxImagePixels=N if the image is real)");
      }
      BufferedImage image = reader.read(0, readParam(reader, format, bytes, source));
      failOnDamageWarnings(warnings, format, source);
      return toRgb(image, format, source);
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IIOException e) {
      throw new ImageDecodeException(source, describeReadFailure(e, format, bytes), e);
    } catch (IOException | RuntimeException e) {
      // ImageIO's readers also signal malformed input with unchecked exceptions.
      throw new ImageDecodeException(source, "the " + format + " data is corrupt or truncated (" + message(e) + ")", e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Checks cheaply, from the first bytes only, that a file exists and is a PNG or JPEG, so that a
   * batch job can reject bad inputs before it writes anything. Damage further into the file is found
   * by {@link #read}.
   */
  public static void checkReadable(Path file) {
    if (Files.isDirectory(file)) {
      throw new ImageDecodeException(file, "is a folder, not an image file");
    }
    byte[] head;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64);
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException(file, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new ImageDecodeException(file, "permission denied", e);
    } catch (IOException e) {
      throw new ImageDecodeException(file, "cannot be read (" + message(e) + ")", e);
    }
    if (head.length == 0) {
      throw new ImageDecodeException(file, "the file is empty (0 bytes)");
    }
    if (ImageFormat.detect(head) == null) {
      String other = ImageFormat.describeOther(head);
      throw new ImageDecodeException(file, "not a PNG or JPEG image"
          + (other == null ? "" : " (it looks like " + other + "; convert it to PNG or JPEG)"));
    }
  }

  private static byte[] readBytes(Path file) {
    if (Files.isDirectory(file)) {
      throw new ImageDecodeException(file, "is a folder, not an image file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException(file, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new ImageDecodeException(file, "permission denied", e);
    } catch (IOException e) {
      throw new ImageDecodeException(file, "cannot be read (" + message(e) + ")", e);
    }
  }

  /**
   * Prefers the JDK's own reader: another plugin on the class path may register first and behave
   * differently (some apply colour profiles), which would change the pixels.
   */
  private static ImageReader readerFor(ImageFormat format, Path source) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    ImageReader fallback = null;
    while (readers.hasNext()) {
      ImageReader candidate = readers.next();
      if (candidate.getClass().getName().startsWith("com.sun.imageio.")) {
        if (fallback != null) {
          fallback.dispose();
        }
        return candidate;
      }
      if (fallback == null) {
        fallback = candidate;
      } else {
        candidate.dispose();
      }
    }
    if (fallback == null) {
      throw new ImageDecodeException(source, "this Java runtime has no " + format + " decoder");
    }
    return fallback;
  }

  /**
   * For JPEG, asks for the decoder's own output samples. The JDK's JPEG reader otherwise converts
   * the pixels of a file with an embedded ICC profile from that profile to sRGB (Pillow never does).
   * When source and destination bands are named explicitly, the reader leaves the samples as
   * libjpeg produced them (its way of handing out raw channels); the YCbCr to RGB step inside
   * libjpeg stays, as in Pillow. The tests check this on a file with a non-sRGB profile.
   */
  private static ImageReadParam readParam(ImageReader reader, ImageFormat format, byte[] bytes, Path source)
      throws IOException {
    ImageReadParam param = reader.getDefaultReadParam();
    if (format == ImageFormat.JPEG) {
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      if (!types.hasNext()) {
        throw new ImageDecodeException(source, unsupportedJpegColours(bytes));
      }
      int[] identity = IntStream.range(0, types.next().getNumBands()).toArray();
      param.setSourceBands(identity);
      param.setDestinationBands(identity);
    }
    return param;
  }

  private static String unsupportedJpegColours(byte[] bytes) {
    int components = JpegComponents.count(bytes);
    if (components == 4) {
      return "CMYK/YCCK JPEG images are not supported (4 colour components); save it as an RGB JPEG or PNG";
    }
    return "unsupported JPEG colour model (" + (components > 0 ? components + " colour components" : "unknown")
        + "); only grey and RGB JPEG images are supported";
  }

  private static void failOnDamageWarnings(List<String> warnings, ImageFormat format, Path source) {
    for (String warning : warnings) {
      String lower = warning.toLowerCase(Locale.ROOT);
      if (HARMLESS_WARNINGS.stream().noneMatch(lower::contains)) {
        throw new ImageDecodeException(source, "the " + format + " data is truncated or corrupt (" + warning + ")");
      }
    }
  }

  private static String describeReadFailure(IIOException e, ImageFormat format, byte[] bytes) {
    if (format == ImageFormat.JPEG) {
      int components = JpegComponents.count(bytes);
      if (components != 1 && components != 3 && components > 0) {
        return unsupportedJpegColours(bytes);
      }
    }
    return "the " + format + " data is corrupt or truncated (" + message(e) + ")";
  }

  private static String message(Throwable e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e && cause.getMessage() != null) {
      text.append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  /** Copies the stored samples, never colour-converting them. */
  private static RgbImage toRgb(BufferedImage image, ImageFormat format, Path source) {
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] out = new byte[width * height * 3];
    int[] row = new int[width * raster.getNumBands()];
    if (model instanceof IndexColorModel palette) {
      int[] argb = new int[palette.getMapSize()];
      palette.getRGBs(argb);
      for (int y = 0; y < height; y++) {
        raster.getSamples(0, y, width, 1, 0, row);
        for (int x = 0; x < width; x++) {
          // An index past the end of a short palette is black, as in Pillow's zero-filled palette.
          int rgb = row[x] < argb.length ? argb[row[x]] : 0;
          int o = (y * width + x) * 3;
          out[o] = (byte) (rgb >> 16);
          out[o + 1] = (byte) (rgb >> 8);
          out[o + 2] = (byte) rgb;
        }
      }
      return new RgbImage(width, height, out);
    }
    int colours = model.getNumColorComponents();
    int spaceType = model.getColorSpace().getType();
    boolean grey = colours == 1 && spaceType == ColorSpace.TYPE_GRAY;
    boolean rgb = colours == 3 && spaceType == ColorSpace.TYPE_RGB;
    if (!(grey || rgb)) {
      throw new ImageDecodeException(source, "unsupported colour model: " + colours + " colour components in "
          + colourSpaceName(spaceType) + " space; only grey, RGB and palette " + format + " images are supported");
    }
    int dataType = raster.getDataBuffer().getDataType();
    if (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE) {
      throw new ImageDecodeException(source, "floating-point samples are not supported");
    }
    int bands = raster.getNumBands();
    int[] bits = raster.getSampleModel().getSampleSize();
    for (int y = 0; y < height; y++) {
      raster.getPixels(0, y, width, 1, row);
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        int p = x * bands;
        if (grey) {
          byte v = (byte) to8Bits(row[p], bits[0]);
          out[o] = v;
          out[o + 1] = v;
          out[o + 2] = v;
        } else {
          out[o] = (byte) to8Bits(row[p], bits[0]);
          out[o + 1] = (byte) to8Bits(row[p + 1], bits[1]);
          out[o + 2] = (byte) to8Bits(row[p + 2], bits[2]);
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /** Deeper samples keep their high byte; shallower ones are stretched to the full 0..255 range. */
  private static int to8Bits(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    if (bits > 8) {
      return sample >>> (bits - 8);
    }
    return sample * 255 / ((1 << bits) - 1);
  }

  private static String colourSpaceName(int type) {
    switch (type) {
      case ColorSpace.TYPE_CMYK:
        return "CMYK";
      case ColorSpace.TYPE_CMY:
        return "CMY";
      case ColorSpace.TYPE_YCbCr:
        return "YCbCr";
      case ColorSpace.TYPE_GRAY:
        return "grey";
      case ColorSpace.TYPE_RGB:
        return "RGB";
      default:
        return "a non-RGB colour";
    }
  }
}
