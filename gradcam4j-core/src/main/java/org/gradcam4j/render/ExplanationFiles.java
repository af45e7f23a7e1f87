package org.gradcam4j.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.gradcam4j.methods.ClassScore;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The files of one image explained by one method, named {@code <image>.<method>.*} in a folder: what
 * {@code gradcam4j explain} writes, and what any other front end should write so that results look
 * the same wherever they were made.
 *
 * <ul>
 *   <li>{@code .png}: the explanation as {@link ExplanationRenderer} draws it (a heat-map over the
 *       pre-processed image; pixel attributions on their own);
 *   <li>{@code .json}: the explained class and its score, the top five, layer and score tensor, the
 *       shapes of the maps, whether the map draws blank ({@code empty}, with a {@code note} saying
 *       what that means), the pre-processing and timings;
 *   <li>with {@link Options#raw()}: {@code .npy}, the map at input size normalised to [0, 1] (a pixel
 *       attribution as it is, [C, H, W]); and for layer methods {@code .lowres.npy}, the map at layer
 *       size before any normalisation.
 * </ul>
 *
 * <p>Each file is written atomically: a reader never sees one half written.
 */
public final class ExplanationFiles {
  /**
   * Where the files go and how they look.
   *
   * @param folder the output folder (created if needed)
   * @param render how the PNG is drawn
   * @param raw also write the maps as NumPy {@code .npy} files
   */
  public record Options(Path folder, RenderOptions render, boolean raw) {}

  /**
   * What the JSON records about the run, besides the explanation itself.
   *
   * @param model the model as the user named it (a file, a catalogue name)
   * @param predictionTensor the model output whose top five the JSON lists
   * @param preprocessing how the images were prepared for the model
   * @param classNames class names by index; may be empty (the JSON then has no labels)
   */
  public record Provenance(String model, String predictionTensor, Preprocessing preprocessing,
      List<String> classNames) {
    public Provenance {
      classNames = List.copyOf(classNames);
    }
  }

  // One mapper for every file: it is thread-safe once configured, and creating one is not cheap.
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Options options;
  private final Provenance provenance;

  public ExplanationFiles(Options options, Provenance provenance) {
    this.options = options;
    this.provenance = provenance;
  }

  /** The overlay PNG of an image's explanation by a method, as {@link #write} names it. */
  public Path png(String imageName, String method) {
    return options.folder().resolve(imageName + "." + method + ".png");
  }

  /**
   * Writes the files of one explanation.
   *
   * @param image the image, named as its files will be, with its pre-processed input
   * @param e its explanation; {@link Explanation#method()} names the files
   * @param source what the JSON names as the image (the file as the user gave it)
   * @param explainMsPerImage the time it took to explain, per image, for the JSON's timings
   * @return the files written, the JSON last
   */
  public List<Path> write(ExplainedImage image, Explanation e, String source, double explainMsPerImage) {
    long r0 = System.nanoTime();
    String prefix = image.name() + "." + e.method();
    int h = image.input().height();
    int w = image.input().width();
    List<Path> written = new ArrayList<>();
    Path png = png(image.name(), e.method());
    PngWriter.write(png, ExplanationRenderer.render(e, image.input(), options.render()));
    written.add(png);
    if (options.raw()) {
      Path map = options.folder().resolve(prefix + ".npy");
      if (e.attribution() != null) {
        Npy.write(map, e.attribution().shape(), e.attribution().data());
      } else {
        Npy.write(map, new long[] {h, w}, e.displayMap(h, w));
      }
      written.add(map);
      if (e.lowRes() != null) {
        Path lowRes = options.folder().resolve(prefix + ".lowres.npy");
        Npy.write(lowRes, e.lowRes().shape(), e.lowRes().data());
        written.add(lowRes);
      }
    }
    double renderMs = (System.nanoTime() - r0) / 1e6;
    Path json = options.folder().resolve(prefix + ".json");
    AtomicFiles.writeString(json, toJson(report(e, source, h, w, explainMsPerImage, renderMs)) + "\n");
    written.add(json);
    return written;
  }

  private ObjectNode report(Explanation e, String source, int h, int w, double explainMs, double renderMs) {
    List<String> classNames = provenance.classNames();
    ObjectNode r = JSON.createObjectNode();
    r.put("image", source);
    r.put("model", provenance.model());
    r.put("method", e.method());
    ObjectNode t = r.putObject("target");
    t.put("mode", e.target().describe());
    t.put("counterfactual", e.target().isCounterfactual());
    if (e.targetClass() >= 0) {
      t.put("class", e.targetClass());
      if (e.targetClass() < classNames.size()) {
        t.put("label", classNames.get(e.targetClass()));
      }
      t.put("score", e.targetScore());
    } else if (Float.isFinite(e.targetScore())) {
      t.put("value", e.targetScore());
    }
    t.put("output", e.scoreTensor());
    ArrayNode top = r.putArray("top5");
    for (ClassScore c : e.top5()) {
      ObjectNode o = top.addObject();
      o.put("index", c.index());
      if (c.index() < classNames.size()) {
        o.put("label", classNames.get(c.index()));
      }
      o.put("score", c.score());
    }
    if (e.layer() != null) {
      r.put("layer", e.layer());
    }
    r.put("score_tensor", e.scoreTensor());
    r.put("prediction_tensor", provenance.predictionTensor());
    r.putArray("input_shape").add(3).add(h).add(w);
    if (e.lowRes() != null) {
      putShape(r, "lowres_shape", e.lowRes());
    }
    if (e.attribution() != null) {
      putShape(r, "attribution_shape", e.attribution());
    }
    r.putArray("map_shape").add(h).add(w);
    // A blank map is said to be blank, with what it means (see EmptyMap), so nobody takes it for a bug.
    r.put("empty", EmptyMap.isEmpty(e, options.render()));
    EmptyMap.note(e, options.render(), e.targetClass() < 0 ? e.target().describe() : className(e.targetClass()))
        .ifPresent(n -> r.put("note", n));
    r.put("preprocessing", provenance.preprocessing().toString());
    ObjectNode timings = r.putObject("timings_ms");
    timings.put("explain_per_image", round(explainMs));
    timings.put("render", round(renderMs));
    return r;
  }

  private String className(int index) {
    List<String> names = provenance.classNames();
    return index >= 0 && index < names.size() ? names.get(index) : "class " + index;
  }

  private static void putShape(ObjectNode r, String field, FloatTensor tensor) {
    ArrayNode shape = r.putArray(field);
    for (long d : tensor.shape()) {
      shape.add(d);
    }
  }

  private static String toJson(ObjectNode report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      // A tree of plain numbers and strings always serialises; this would be a bug in Jackson.
      throw new GradCamException("Cannot serialise the explanation report: " + e.getMessage(), e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
