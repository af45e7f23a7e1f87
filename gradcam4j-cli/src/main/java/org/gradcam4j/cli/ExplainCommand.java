package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gradcam4j.Explainer;
import org.gradcam4j.GradCamException;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.image.Overlay;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.methods.ClassScore;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j explain}: heat-maps for images. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Explains a model's decision on images: for each image S and method M it writes S.M.png (the",
      "heat-map over the pre-processed image), S.M.json (target class and score, top-5, layer and score",
      "tensor, map shapes, timings) and, with --raw, S.M.npy (map at input size, normalised to [0,1]) and",
      "S.M.lowres.npy (map at layer size, before normalisation)."
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Inputs inputs;

  static final class Inputs {
    @Option(names = {"-i", "--image"}, paramLabel = "FILE", arity = "1..*", description = "Image file(s), PNG or JPEG.")
    List<Path> images;

    @Option(names = "--images", paramLabel = "DIR", description = "A folder: every .png/.jpg/.jpeg in it.")
    Path folder;
  }

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--method", defaultValue = "gradcam", paramLabel = "NAME",
      description = "Explanation method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = MethodNames.class)
  String method;

  @Option(names = "--layer", paramLabel = "NAME",
      description = "Target layer: a tensor or node name (default: the last convolutional activation before pooling).")
  String layer;

  @Option(names = "--target", defaultValue = "top1", paramLabel = "top1|INT",
      description = "Class to explain: top1 (the prediction) or a class index (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--counterfactual", description = "Explain the evidence against the target class (negated gradients).")
  boolean counterfactual;

  @Option(names = "--output", paramLabel = "NAME",
      description = "Tensor to explain (default: the model's output, or its input when that output is a Softmax).")
  String output;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N", description = "Images per run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--raw", description = "Also write the maps as NumPy .npy files.")
  boolean raw;

  @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "F", description = "Heat-map opacity in the overlay (default: ${DEFAULT-VALUE}).")
  float alpha;

  @Option(names = "--colormap", defaultValue = "jet", paramLabel = "NAME", description = "Colormap (default: ${DEFAULT-VALUE}).")
  String colormap;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line (default: a labels file next to the model).")
  Path labels;

  /** Method names for the help text. */
  static final class MethodNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Methods.names().iterator();
    }
  }

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1) {
      throw new GradCamException("--batch-size must be at least 1");
    }
    if (alpha < 0 || alpha > 1) {
      throw new GradCamException("--alpha must be between 0 and 1");
    }
    List<Path> files = imageFiles();
    Colormap cmap = Colormap.named(colormap);
    Target base = Target.parse(target);
    Target chosen = counterfactual ? base.counterfactual() : base;
    String methodName = method.toLowerCase(Locale.ROOT) + (counterfactual ? "-counterfactual" : "");
    ExplainRequest request = ExplainRequest.gradCam().withMethod(Methods.byName(method))
        .withLayer(layer).withScoreTensor(output).withTarget(chosen);
    AtomicFiles.ensureWritableDirectory(out);
    checkUniqueStems(files);

    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, null);
      if (pre.crop() > 0) {
        // Check the layer, score tensor and class index before anything is written.
        long[] shape = {1, 3, pre.crop(), pre.crop()};
        explainer.resolveLayer(layer, shape, output);
        chosen.seed(explainer.classCount(shape, output), null);
      }
      List<String> classNames = LabelFiles.find(labels, model.modelPath());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      for (int start = 0; start < files.size(); start += batchSize) {
        List<Path> batchFiles = files.subList(start, Math.min(files.size(), start + batchSize));
        long t0 = System.nanoTime();
        List<RgbImage> crops = new ArrayList<>();
        for (Path f : batchFiles) {
          crops.add(pre.resizeAndCrop(ImageDecoder.read(f)));
        }
        FloatTensor batch = FloatTensor.stack(crops.stream().map(pre::normalize).toList());
        long t1 = System.nanoTime();
        List<Explanation> results = explainer.explain(batch, request);
        long t2 = System.nanoTime();
        for (int i = 0; i < batchFiles.size(); i++) {
          long r0 = System.nanoTime();
          Path file = batchFiles.get(i);
          Explanation e = results.get(i);
          RgbImage crop = crops.get(i);
          int h = (int) e.lowRes().shape()[0];
          int w = (int) e.lowRes().shape()[1];
          float[] map = MapOps.scaleCam(e.lowRes().data(), h, w, crop.height(), crop.width());
          String stem = stem(file);
          PngWriter.write(out.resolve(stem + "." + methodName + ".png"), Overlay.blend(crop, map, cmap, alpha));
          if (raw) {
            Npy.write(out.resolve(stem + "." + methodName + ".npy"), new long[] {crop.height(), crop.width()}, map);
            Npy.write(out.resolve(stem + "." + methodName + ".lowres.npy"), new long[] {h, w}, e.lowRes().data());
          }
          double renderMs = (System.nanoTime() - r0) / 1e6;
          ObjectNode report = report(json, file, methodName, e, classNames, explainer, crop, pre,
              (t1 - t0) / 1e6 / batchFiles.size(), (t2 - t1) / 1e6, batchFiles.size(), renderMs);
          AtomicFiles.writeString(out.resolve(stem + "." + methodName + ".json"), json.writeValueAsString(report) + "\n");
          spec.commandLine().getOut().println(file.getFileName() + ": " + describe(e, classNames) + " -> "
              + out.resolve(stem + "." + methodName + ".png"));
        }
      }
    }
    return 0;
  }

  private ObjectNode report(ObjectMapper json, Path file, String methodName, Explanation e, List<String> names,
      Explainer explainer, RgbImage crop, Preprocessing pre, double decodeMs, double batchMs, int batchCount,
      double renderMs) {
    ObjectNode r = json.createObjectNode();
    r.put("image", file.toString());
    r.put("model", model.model);
    r.put("method", methodName);
    ObjectNode t = r.putObject("target");
    t.put("mode", e.target().describe());
    t.put("counterfactual", e.target().isCounterfactual());
    if (e.targetClass() >= 0) {
      t.put("class", e.targetClass());
      if (e.targetClass() < names.size()) {
        t.put("label", names.get(e.targetClass()));
      }
      t.put("score", e.targetScore());
    }
    ArrayNode top = r.putArray("top5");
    for (ClassScore c : e.top5()) {
      ObjectNode o = top.addObject();
      o.put("index", c.index());
      if (c.index() < names.size()) {
        o.put("label", names.get(c.index()));
      }
      o.put("score", c.score());
    }
    r.put("layer", e.layer());
    r.put("score_tensor", e.scoreTensor());
    r.put("prediction_tensor", explainer.outputNames().get(0));
    ArrayNode inputShape = r.putArray("input_shape");
    inputShape.add(3).add(crop.height()).add(crop.width());
    ArrayNode lowShape = r.putArray("lowres_shape");
    for (long d : e.lowRes().shape()) {
      lowShape.add(d);
    }
    ArrayNode mapShape = r.putArray("map_shape");
    mapShape.add(crop.height()).add(crop.width());
    r.put("preprocessing", pre.toString());
    ObjectNode timings = r.putObject("timings_ms");
    timings.put("decode_and_preprocess", round(decodeMs));
    timings.put("explain_batch", round(batchMs));
    timings.put("batch_size", batchCount);
    timings.put("explain_per_image", round(batchMs / batchCount));
    timings.put("render", round(renderMs));
    return r;
  }

  private static String describe(Explanation e, List<String> names) {
    if (e.targetClass() < 0) {
      return e.target().describe();
    }
    String label = e.targetClass() < names.size() ? names.get(e.targetClass()) + " " : "";
    return (e.target().isCounterfactual() ? "against " : "") + label + "(" + e.targetClass() + ") score "
        + String.format(Locale.ROOT, "%.4g", e.targetScore());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private List<Path> imageFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    if (inputs.folder != null) {
      if (!Files.isDirectory(inputs.folder)) {
        throw new GradCamException("Image folder " + inputs.folder + " does not exist");
      }
      try (Stream<Path> s = Files.list(inputs.folder)) {
        s.filter(p -> {
          String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
          return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
        }).sorted().forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new GradCamException("No .png, .jpg or .jpeg images in " + inputs.folder);
      }
    } else {
      files.addAll(inputs.images);
    }
    for (Path f : files) {
      ImageDecoder.checkReadable(f);
    }
    return files;
  }

  private static void checkUniqueStems(List<Path> files) {
    Set<String> seen = new HashSet<>();
    for (Path f : files) {
      if (!seen.add(stem(f))) {
        throw new GradCamException("Two images share the name '" + stem(f)
            + "'; their outputs would overwrite each other. Rename one of them");
      }
    }
  }

  static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
