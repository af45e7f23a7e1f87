package org.gradcam4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.ClassScore;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.render.EmptyMap;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Explains the instances of one request with one served model: KServe's V1 explain protocol,
 * {@code {"instances": [...], "parameters": {...}}} in, {@code {"predictions": [...], "explanations": [...]}} out.
 */
final class ExplainService {
  static final Set<String> OUTPUTS = Set.of("png", "floats", "low_res", "input", "overlay");
  static final int MAX_INSTANCES = 8;
  static final int MAX_METHODS = 8;

  private final ObjectMapper json;
  private final ServerConfig config;

  ExplainService(ObjectMapper json, ServerConfig config) {
    this.json = json;
    this.config = config;
  }

  /** What a request asks for, checked before any work is queued. */
  record Parsed(List<byte[]> images, List<String> names, List<ExplanationMethod> methods, String layer,
      Integer targetClass, boolean counterfactual, int topK, Set<String> outputs) {}

  /** Reads and checks the body; every problem is a 400 naming the field. */
  Parsed parse(byte[] body, ServedModel model) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (Exception e) {
      throw new ApiException(400, "The body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ApiException(400, "The body must be a JSON object {\"instances\": [...], \"parameters\": {...}}");
    }
    JsonNode instances = root.get("instances");
    if (instances == null || !instances.isArray() || instances.isEmpty()) {
      throw new ApiException(400, "\"instances\" must be a non-empty array of images (base64 strings or"
          + " {\"image_bytes\": {\"b64\": ...}} objects)");
    }
    if (instances.size() > MAX_INSTANCES) {
      throw new ApiException(413, "At most " + MAX_INSTANCES + " instances per request, got " + instances.size());
    }
    List<byte[]> images = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      JsonNode inst = instances.get(i);
      String where = "instances[" + i + "]";
      String b64;
      String name = "image" + i;
      if (inst.isTextual()) {
        b64 = inst.asText();
      } else if (inst.isObject()) {
        JsonNode bytes = inst.path("image_bytes").path("b64");
        JsonNode plain = inst.get("b64");
        if (bytes.isTextual()) {
          b64 = bytes.asText();
          where += ".image_bytes.b64";
        } else if (plain != null && plain.isTextual()) {
          b64 = plain.asText();
          where += ".b64";
        } else {
          throw new ApiException(400, where + " has no image: give {\"image_bytes\": {\"b64\": \"...\"}} or a base64 string");
        }
        if (inst.path("name").isTextual()) {
          name = inst.get("name").asText();
        }
      } else {
        throw new ApiException(400, where + " must be a base64 string or an object with image_bytes.b64");
      }
      byte[] decoded;
      try {
        String text = stripDataUrl(b64);
        decoded = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? Base64.getDecoder().decode(text)
            : Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, where + " is not valid base64: " + e.getMessage());
      }
      if (decoded.length == 0) {
        throw new ApiException(400, where + " is empty");
      }
      long[] size = ImageHeader.dimensions(decoded);
      if (size != null && (size[0] * size[1] > config.maxPixels())) {
        throw new ApiException(413, where + ": the image header claims " + size[0] + "x" + size[1] + " = "
            + size[0] * size[1] + " pixels, over this server's limit of " + config.maxPixels() + " pixels");
      }
      images.add(decoded);
      names.add(name);
    }
    JsonNode params = root.path("parameters");
    if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
      throw new ApiException(400, "\"parameters\" must be an object");
    }
    List<ExplanationMethod> methods = new ArrayList<>();
    JsonNode m = params.path("methods");
    List<String> methodNames = new ArrayList<>();
    if (m.isArray()) {
      m.forEach(x -> methodNames.add(x.asText()));
    } else if (m.isTextual()) {
      methodNames.add(m.asText());
    } else if (params.path("method").isTextual()) {
      methodNames.add(params.path("method").asText());
    } else if (!m.isMissingNode()) {
      throw new ApiException(400, "parameters.methods must be a list of method names");
    }
    if (methodNames.isEmpty()) {
      methodNames.add("gradcam");
    }
    for (String n : new LinkedHashSet<>(methodNames)) {
      try {
        methods.addAll(Methods.parseList(n));
      } catch (GradCamException e) {
        throw new ApiException(400, "parameters.methods: " + e.getMessage());
      }
    }
    if (methods.size() > MAX_METHODS) {
      throw new ApiException(400, "parameters.methods: at most " + MAX_METHODS + " methods per request");
    }
    String layer = null;
    if (params.path("layer").isTextual() && !params.path("layer").asText().isBlank()) {
      layer = params.path("layer").asText();
      String l = layer;
      if (model.layers().stream().noneMatch(x -> x.name().equals(l))) {
        throw new ApiException(400, "parameters.layer: the model has no candidate layer '" + layer
            + "'; GET /v1/models/" + model.name() + " lists them");
      }
    }
    Integer target = null;
    JsonNode t = params.path("target");
    if (t.isInt()) {
      target = t.asInt();
    } else if (t.isTextual() && !t.asText().equals("top")) {
      try {
        target = Integer.parseInt(t.asText());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "parameters.target must be \"top\" or a class index, got '" + t.asText() + "'");
      }
    } else if (!t.isMissingNode() && !t.isNull() && !t.isTextual()) {
      throw new ApiException(400, "parameters.target must be \"top\" or a class index");
    }
    if (target != null && (target < 0 || target >= model.classCount())) {
      throw new ApiException(400, "parameters.target: class " + target + " is out of range; the model has "
          + model.classCount() + " classes (0.." + (model.classCount() - 1) + ")");
    }
    boolean counterfactual = params.path("counterfactual").asBoolean(false);
    int topK = params.path("top_k").asInt(5);
    if (topK < 1 || topK > 100) {
      throw new ApiException(400, "parameters.top_k must be 1..100, got " + topK);
    }
    Set<String> outputs = new LinkedHashSet<>();
    JsonNode o = params.path("outputs");
    if (o.isArray()) {
      o.forEach(x -> outputs.add(x.asText().toLowerCase(Locale.ROOT)));
    } else {
      outputs.add("png");
    }
    for (String x : outputs) {
      if (!OUTPUTS.contains(x)) {
        throw new ApiException(400, "parameters.outputs: unknown output '" + x + "'; known: " + String.join(", ", OUTPUTS.stream().sorted().toList()));
      }
    }
    return new Parsed(images, names, methods, layer, target, counterfactual, topK, outputs);
  }

  /** Decodes, explains and encodes; runs on a worker thread. */
  ObjectNode explain(Parsed p, ServedModel model) {
    long t0 = System.nanoTime();
    List<RgbImage> decoded = new ArrayList<>();
    for (int i = 0; i < p.images().size(); i++) {
      try {
        decoded.add(ImageDecoder.decode(p.images().get(i), Path.of("instances[" + i + "]")));
      } catch (GradCamException e) {
        throw new ApiException(400, e.getMessage());
      }
    }
    long t1 = System.nanoTime();
    Target target = p.targetClass() == null ? Target.topPrediction() : Target.classIndex(p.targetClass());
    if (p.counterfactual()) {
      target = target.counterfactual();
    }
    List<ExplainedImage> results;
    try {
      var request = model.explainer().explainImages(decoded, p.names()).preprocessing(model.preprocessing())
          .methods(p.methods()).scoreTensor(model.scoreTensor()).target(target);
      if (p.layer() != null) {
        request.layers(p.layer());
      } else if (!model.resolved().layers().isEmpty()) {
        request.layers(model.resolved().layers().toArray(String[]::new));
      }
      results = request.run();
    } catch (GradCamException e) {
      throw new ApiException(400, e.getMessage());
    }
    long t2 = System.nanoTime();
    ObjectNode out = json.createObjectNode();
    out.put("model_name", model.name());
    ArrayNode predictions = out.putArray("predictions");
    ArrayNode explanations = out.putArray("explanations");
    for (int i = 0; i < results.size(); i++) {
      ExplainedImage r = results.get(i);
      Explanation first = r.explanations().values().iterator().next();
      ObjectNode pred = predictions.addObject();
      pred.put("instance", i);
      pred.put("name", r.name());
      int top = ClassScore.top(first.predictions(), 1).get(0).index();
      pred.put("class", top);
      pred.put("label", model.label(top));
      ArrayNode topk = pred.putArray("top");
      for (ClassScore c : ClassScore.top(first.predictions(), p.topK())) {
        topk.addObject().put("class", c.index()).put("label", model.label(c.index())).put("score", c.score());
      }
      RgbImage input = r.input();
      for (Explanation e : r.explanations().values()) {
        ObjectNode x = explanations.addObject();
        x.put("instance", i);
        x.put("method", e.method());
        x.put("layer", e.layer());
        x.put("target", e.target().describe());
        x.put("target_class", e.targetClass());
        x.put("target_label", e.targetClass() >= 0 ? model.label(e.targetClass()) : null);
        x.put("target_score", e.targetScore());
        x.put("counterfactual", e.target().isCounterfactual());
        x.put("width", input.width());
        x.put("height", input.height());
        String className = e.targetClass() >= 0 ? model.label(e.targetClass()) : "the target";
        var note = EmptyMap.note(e, RenderOptions.defaults(), className);
        x.put("empty", note.isPresent());
        note.ifPresent(n -> x.put("note", n));
        float[] map = e.displayMap(input.height(), input.width());
        if (p.outputs().contains("png")) {
          x.put("map_png", Base64.getEncoder().encodeToString(PngWriter.encode(grey(map, input.width(), input.height()))));
        }
        if (p.outputs().contains("floats")) {
          putTensor(x.putObject("map"), new long[] {input.height(), input.width()}, map);
        }
        if (p.outputs().contains("low_res") && e.lowRes() != null) {
          FloatTensor low = e.lowRes();
          putTensor(x.putObject("low_res"), low.shape(), low.data());
        }
        if (p.outputs().contains("overlay")) {
          x.put("overlay_png", Base64.getEncoder().encodeToString(PngWriter.encode(r.render(e.method()))));
        }
      }
      if (p.outputs().contains("input")) {
        pred.put("input_png", Base64.getEncoder().encodeToString(PngWriter.encode(input)));
      }
    }
    long t3 = System.nanoTime();
    ObjectNode timing = out.putObject("timing_ms");
    timing.put("decode", ms(t1 - t0));
    timing.put("explain", ms(t2 - t1));
    timing.put("encode", ms(t3 - t2));
    timing.put("total", ms(t3 - t0));
    return out;
  }

  /** The map as an 8-bit grey image: level = Colormap.level(value), what the colour maps index. */
  static RgbImage grey(float[] map, int width, int height) {
    byte[] px = new byte[width * height * 3];
    for (int i = 0; i < map.length; i++) {
      byte v = (byte) Colormap.level(map[i]);
      px[3 * i] = v;
      px[3 * i + 1] = v;
      px[3 * i + 2] = v;
    }
    return new RgbImage(width, height, px);
  }

  private static void putTensor(ObjectNode node, long[] shape, float[] data) {
    ArrayNode s = node.putArray("shape");
    for (long d : shape) {
      s.add(d);
    }
    ArrayNode d = node.putArray("data");
    for (float v : data) {
      d.add(v);
    }
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }

  private static String stripDataUrl(String s) {
    int comma = s.indexOf(',');
    return s.startsWith("data:") && comma > 0 ? s.substring(comma + 1) : s;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
