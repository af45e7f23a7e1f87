package org.gradcam4j.inspect.visualize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.io.AtomicFiles;

/**
 * Writes one visualisation as {@code <slug>.png} and {@code <slug>.json} beside it (objective, style,
 * settings, final objective value and, for a class, its softmax probability on the final image). Both
 * are written atomically, so an interrupted run never leaves a half-written file.
 */
public final class VisualizationFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VisualizationFiles() {}

  /** The PNG written for {@code v} in {@code dir}. */
  public static Path png(Path dir, Visualization v) {
    return dir.resolve(v.objective().slug() + ".png");
  }

  /**
   * Writes the image and its JSON; returns the PNG's path.
   *
   * @param labels class names (may be empty) for a class objective's name in the JSON
   * @param model where the model came from, recorded as is
   */
  public static Path write(Path dir, Visualization v, VisualizeSettings settings, List<String> labels,
      String model) {
    Path png = png(dir, v);
    AtomicFiles.write(png, PngWriter.encode(v.image()));
    AtomicFiles.write(dir.resolve(v.objective().slug() + ".json"), json(v, settings, labels, model));
    return png;
  }

  static byte[] json(Visualization v, VisualizeSettings settings, List<String> labels, String model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    ObjectNode o = root.putObject("objective");
    o.put("description", v.objective().describe());
    describe(o, v.objective(), labels);
    root.put("style", settings.style().key());
    root.put("steps", v.steps());
    root.put("maxSteps", settings.steps());
    root.put("seed", settings.seed());
    root.put("size", v.image().width());
    root.put("learningRate", settings.rate());
    root.put("startImage", settings.start() != null);
    root.put("objectiveValue", v.value());
    if (!Double.isNaN(v.probability())) {
      root.put("probability", v.probability());
    }
    root.put("image", v.objective().slug() + ".png");
    try {
      return JSON.writeValueAsString(root).concat("\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new GradCamException("Cannot write the visualisation's JSON: " + e.getMessage(), e);
    }
  }

  private static void describe(ObjectNode o, Objective objective, List<String> labels) {
    if (objective instanceof Objective.ClassLogit c) {
      o.put("kind", "class");
      o.put("class", c.index());
      if (c.index() < labels.size()) {
        o.put("label", labels.get(c.index()));
      }
    } else if (objective instanceof Objective.Channel c) {
      o.put("kind", "channel");
      o.put("layer", c.layer());
      o.put("channel", c.channel());
    } else if (objective instanceof Objective.Neuron n) {
      o.put("kind", "neuron");
      o.put("layer", n.layer());
      o.put("channel", n.channel());
      o.put("y", n.y());
      o.put("x", n.x());
    } else if (objective instanceof Objective.Dream d) {
      o.put("kind", "dream");
      o.put("layer", d.layer());
    } else if (objective instanceof Objective.Sum s) {
      o.put("kind", "sum");
      var parts = o.putArray("parts");
      for (Objective p : s.parts()) {
        ObjectNode part = parts.addObject();
        part.put("description", p.describe());
        describe(part, p, labels);
      }
    }
  }
}
