package org.gradcam4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gradcam4j.io.Npy;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The reference maps in {@code ../shared/reference} (computed with pytorch-grad-cam and Captum) and the
 * settings they were computed with, read from its {@code cases.json}.
 */
public final class ReferenceCases {
  private static final Pattern FILE = Pattern.compile("(.+)__c(\\d+)__([a-z0-9]+)__([A-Za-z_+0-9]+)\\.([a-z0-9]+)\\.npy");

  private ReferenceCases() {}

  /** One stored reference array. */
  public record Case(String modelKey, String image, int classIndex, String layerKey, String method, String kind,
      Path file) {
    public Path sibling(String otherKind) {
      return file.resolveSibling(image + "__c" + classIndex + "__" + layerKey + "__" + method + "." + otherKind + ".npy");
    }

    public Path siblingMethod(String otherMethod, String otherKind) {
      return file.resolveSibling(image + "__c" + classIndex + "__" + layerKey + "__" + otherMethod + "." + otherKind + ".npy");
    }

    /**
     * Whether cases.json asks for the {@code storeKey} arrays ("store_attr", "store_inres") of this
     * case's method: tests derive from it how many cases get an extra check.
     */
    public boolean storedFor(String storeKey) {
      for (JsonNode spec : config().path("cases")) {
        if (spec.path("model").asText().equals(modelKey) && spec.path("image").asText().equals(image)
            && spec.path("layer").asText().equals(layerKey) && spec.path("class").asInt() == classIndex) {
          for (JsonNode m : spec.path(storeKey)) {
            if (m.asText().equals(method)) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }

  public static JsonNode config() {
    try {
      return new ObjectMapper().readTree(SharedData.reference("cases.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All stored arrays of one method and kind, e.g. ("GradCAM", "lowres"). */
  public static List<Case> find(String method, String kind) {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SharedData.reference("maps"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (m.matches() && m.group(4).equals(method) && m.group(5).equals(kind)) {
          cases.add(new Case(f.getParent().getFileName().toString(), m.group(1), Integer.parseInt(m.group(2)),
              m.group(3), m.group(4), m.group(5), f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  public static Path modelFile(String modelKey) {
    String onnx = config().path("models").path(modelKey).path("onnx").asText();
    return SharedData.root().resolve(onnx.substring(onnx.indexOf("models/")));
  }

  public static String layerTensor(String modelKey, String layerKey) {
    return config().path("models").path(modelKey).path("layers").path(layerKey).path("onnx").asText();
  }

  public static String scoreTensor(String modelKey) {
    return config().path("models").path(modelKey).path("score_tensor").asText();
  }

  /**
   * The model input for a reference image, built from the stored 224x224 crop with the case's
   * normalisation exactly as the reference README describes (float32, divide, subtract, divide).
   */
  public static FloatTensor input(String modelKey, String image) {
    JsonNode cfg = config();
    JsonNode pre = cfg.path("preprocess").path(cfg.path("models").path(modelKey).path("preprocess").asText());
    Npy.Array crop = Npy.read(SharedData.reference("inputs/" + image + ".rgb224.npy"));
    int h = (int) crop.shape()[0];
    int w = (int) crop.shape()[1];
    boolean bgr = pre.path("channel_order").asText().equals("BGR");
    float divisor = (float) pre.path("divisor").asDouble();
    float[] out = new float[3 * h * w];
    for (int c = 0; c < 3; c++) {
      int src = bgr ? 2 - c : c;
      float mean = (float) pre.path("mean").get(c).asDouble();
      float std = (float) pre.path("std").get(c).asDouble();
      for (int i = 0; i < h * w; i++) {
        float t = crop.data()[i * 3 + src];
        t = t / divisor;
        t = t - mean;
        t = t / std;
        out[c * h * w + i] = t;
      }
    }
    return new FloatTensor(new long[] {1, 3, h, w}, out);
  }

  /** Largest absolute difference divided by the largest absolute reference value. */
  public static double relativeMaxError(float[] actual, float[] reference) {
    if (actual.length != reference.length) {
      throw new AssertionError("length " + actual.length + " != reference length " + reference.length);
    }
    double err = 0;
    double scale = 0;
    for (int i = 0; i < actual.length; i++) {
      err = Math.max(err, Math.abs((double) actual[i] - reference[i]));
      scale = Math.max(scale, Math.abs(reference[i]));
    }
    return scale == 0 ? err : err / scale;
  }
}
