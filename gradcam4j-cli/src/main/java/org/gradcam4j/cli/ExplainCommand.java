package org.gradcam4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.ExplanationFiles;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.ImageExplanation;
import org.gradcam4j.image.AttributionMode;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.render.Gallery;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.runtime.PhaseTimes;
import org.gradcam4j.targets.Target;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j explain}: heat-maps for images. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Explains a model's decision on images. For each image S and method M it writes S.M.png (the map "
          + "over the pre-processed image; pixel attributions on their own), S.M.json (target class and score, "
          + "top-5, layer and score tensor, map shapes, timings) and, with --raw, S.M.npy (map at input size, "
          + "normalised to [0,1]; pixel methods: the attribution [3,H,W]) and, for layer methods, "
          + "S.M.lowres.npy (map at layer size, before normalisation). --montage and --report add a picture "
          + "and an HTML page of all images x methods."
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

    /** The files named, or every image of the folder (sorted); each checked to be a readable image. */
    List<Path> files() throws IOException {
      List<Path> files = new ArrayList<>();
      if (folder != null) {
        if (!Files.isDirectory(folder)) {
          throw new GradCamException("Image folder " + folder + " does not exist");
        }
        try (Stream<Path> s = Files.list(folder)) {
          s.filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
          }).sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
          throw new GradCamException("No .png, .jpg or .jpeg images in " + folder);
        }
      } else {
        files.addAll(images);
      }
      for (Path f : files) {
        ImageDecoder.checkReadable(f);
      }
      return files;
    }
  }

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
  Path out;

  @Option(names = {"--method", "--methods"}, defaultValue = "gradcam", paramLabel = "NAMES",
      description = "Method(s), comma-separated, or 'all': ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = MethodNames.class)
  String methods;

  @Mixin
  ExplainedTensorOptions tensors;

  @Option(names = "--target", defaultValue = "top1", paramLabel = "FORM",
      description = "What to explain (default: ${DEFAULT-VALUE}); each form fits some output shapes"
          + " (docs/targets.md): top1 or a class index INT (class scores [N, K]); step:T[:C] (class C, default"
          + " the arg-max, at step T of a sequence [N, T, K]); sequence (the greedy-decoded sequence, see --blank,"
          + " --per-token); region[:C][@x0,y0,x1,y1|@MASK.png] (class C summed over a box in input pixels or a"
          + " mask; default the pixels predicted as C; dense outputs [N, C, H, W]); box:x0,y0,x1,y1[:C] (the"
          + " detection best overlapping the box: YOLO-style [N, B, 5+K] or the scores of boxes/scores/labels);"
          + " similar-to:IMAGE (cosine similarity to IMAGE's output, for embeddings).")
  String target;

  @Option(names = "--blank", defaultValue = "0", paramLabel = "N",
      description = "The blank symbol of --target sequence (CTC), dropped when decoding (default: ${DEFAULT-VALUE}).")
  int blank;

  @Option(names = "--per-token", description = "With --target sequence: also one map per decoded token, S.M.t00.png,"
      + " S.M.t01.png, ...; the tokens of an image are explained together, --batch-size of them per run.")
  boolean perToken;

  @Mixin
  ModelInputOptions modelInputs;

  @Option(names = "--counterfactual", description = "Explain the evidence against the target class (negated gradients).")
  boolean counterfactual;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
      description = "Images per run, and masked or noisy copies per run for the methods that make many (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin
  MethodOptionsMixin methodOptions;

  @Option(names = "--raw", description = "Also write the maps as NumPy .npy files.")
  boolean raw;

  @Option(names = "--timings", description = "Print to stderr where the time went: loading and preparing the model,"
      + " probing shapes, compiling gradient graphs, creating ONNX Runtime sessions, explaining, writing files."
      + " For one image, the start-up phases are most of it.")
  boolean timings;

  @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "F", description = "Heat-map opacity in overlays (default: ${DEFAULT-VALUE}).")
  float alpha;

  @Option(names = "--colormap", defaultValue = "jet", paramLabel = "NAME",
      description = "Colormap of overlays: jet, turbo, viridis, inferno, gray (default: ${DEFAULT-VALUE}).")
  String colormap;

  @Option(names = "--pixel-colormap", defaultValue = "inferno", paramLabel = "NAME",
      description = "Colormap of pixel attributions (default: ${DEFAULT-VALUE}; signed maps use coolwarm).")
  String pixelColormap;

  @Option(names = "--attribution", defaultValue = "auto", paramLabel = "MODE",
      description = "Pixel attributions shown as absolute, positive, negative or signed; auto is absolute, and for"
          + " --counterfactual positive: the evidence against the class (default: ${DEFAULT-VALUE}).")
  AttributionMode attributionMode;

  @Option(names = "--percentile", defaultValue = "99", paramLabel = "P",
      description = "Pixel attributions are clipped at this percentile (default: ${DEFAULT-VALUE}).")
  double percentile;

  @Option(names = "--montage", paramLabel = "FILE", description = "Also write one PNG grid of images x methods.")
  Path montage;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML page of images x methods.")
  Path report;

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
    List<ExplanationMethod> chosen = Methods.parseList(methods);
    RenderOptions render = renderOptions();
    List<Path> files = inputs.files();
    checkUniqueStems(files);
    if (perToken && !target.trim().equalsIgnoreCase("sequence")) {
      throw new GradCamException("--per-token needs --target sequence");
    }
    AtomicFiles.ensureWritableDirectory(out);
    PrintWriter stdout = spec.commandLine().getOut();
    long started = System.nanoTime();
    model.resolved();
    double loadMs = (System.nanoTime() - started) / 1e6;
    double explainMs = 0;
    double writeMs = 0;

    try (Explainer explainer = model.explainer(modelInputs::bind)) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      String scoreTensor = explainer.runtime().scoreTensor(tensors.scoreTensor(model.card()));
      List<String> layerNames = tensors.layers(model.card());
      // Check layer, output and target before anything is written.
      long[] inputShape = inputShape(pre, files.get(0));
      explainer.runtime().resolveLayers(layerNames, inputShape, scoreTensor);
      TargetForms forms = new TargetForms(scoreTensor, explainer.shapes(inputShape).shape(scoreTensor).dims(),
          (int) inputShape[2], (int) inputShape[3], file -> embedding(explainer, pre, scoreTensor, file));
      List<String> classNames = model.labels(labels);
      UnaryOperator<ImageExplanation> configure = r -> r.methods(chosen)
          .layers(layerNames.toArray(String[]::new))
          .scoreTensor(scoreTensor)
          .options(methodOptions.resolve(batchSize))
          .batchSize(batchSize);
      List<String> names = chosen.stream().map(m -> fileName(m.name())).toList();
      Gallery gallery = new Gallery(names, classNames, render);
      ExplanationFiles writer = new ExplanationFiles(new ExplanationFiles.Options(out, render, raw),
          new ExplanationFiles.Provenance(model.model, explainer.outputNames().get(0), pre, classNames));
      if (forms.isSequenceTarget(target)) {
        long[] dims = explainer.shapes(inputShape).shape(scoreTensor).dims();
        SequenceMaps sequences = new SequenceMaps(explainer, new SequenceMaps.Request(pre, configure, scoreTensor,
            (int) dims[1], (int) dims[2], blank, perToken, counterfactual), classNames);
        Map<String, String> fileNames = new java.util.LinkedHashMap<>();
        chosen.forEach(m -> fileNames.put(m.name(), fileName(m.name())));
        for (Path file : files) {
          long t0 = System.nanoTime();
          SequenceMaps.Result r = sequences.explain(file, stem(file));
          double ms = (System.nanoTime() - t0) / 1e6;
          explainMs += ms;
          long w0 = System.nanoTime();
          sequences.write(r, stem(file), file.toString(), writer, chosen, fileNames, out, ms / r.explained().size());
          stdout.println(file.getFileName() + ": read '" + r.text() + "' (" + r.tokens().size() + " tokens) -> "
              + writer.png(stem(file), names.get(0)) + (perToken ? " and one map per token" : ""));
          gallery.add(renamed(new ExplainedImage(stem(file), r.input(), r.explained().get(0).explanations()), chosen));
          writeMs += (System.nanoTime() - w0) / 1e6;
        }
        finish(gallery, names, pre, "decoded sequence", stdout);
        if (timings) {
          printTimings(explainer.runtime().phases(), loadMs, explainMs, writeMs, (System.nanoTime() - started) / 1e6);
        }
        return 0;
      }
      TargetForms.Bound bound = forms.bind(target);
      ImageExplanation request = configure.apply(explainer.explainFiles(files).preprocessing(pre));
      Target explained;
      if (bound instanceof TargetForms.Fixed f) {
        explained = counterfactual ? f.target().counterfactual() : f.target();
        request.target(explained);
      } else {
        List<Target> perImage = new DetectionMatcher(explainer, pre, scoreTensor).targets(files,
            (TargetForms.PerImage) bound);
        if (counterfactual) {
          perImage.replaceAll(Target::counterfactual);
        }
        explained = perImage.get(0);
        request.targets(perImage);
      }
      for (int start = 0; start < files.size(); start += batchSize) {
        int end = Math.min(files.size(), start + batchSize);
        long t0 = System.nanoTime();
        List<ExplainedImage> results = request.runBatch(start, end);
        double batchMs = (System.nanoTime() - t0) / 1e6;
        explainMs += batchMs;
        long w0 = System.nanoTime();
        for (int i = start; i < end; i++) {
          ExplainedImage image = results.get(i - start);
          for (ExplanationMethod m : chosen) {
            Explanation e = image.explanation(m.name()).withMethod(fileName(m.name()));
            writer.write(image, e, files.get(i).toString(), batchMs / (end - start));
          }
          stdout.println(files.get(i).getFileName() + ": " + gallery.caption(image.explanation(chosen.get(0).name()))
              + " -> " + writer.png(image.name(), names.get(0)));
          for (ExplanationMethod m : chosen) {
            gallery.emptyNote(image.explanation(m.name())).ifPresent(note ->
                stdout.println("  " + fileName(m.name()) + ": empty map, " + note));
          }
          gallery.add(renamed(image, chosen));
        }
        writeMs += (System.nanoTime() - w0) / 1e6;
      }
      finish(gallery, names, pre, explained.describe(), stdout);
      if (timings) {
        printTimings(explainer.runtime().phases(), loadMs, explainMs, writeMs, (System.nanoTime() - started) / 1e6);
      }
    }
    return 0;
  }

  /** Writes the montage and the report, when asked for. */
  private void finish(Gallery gallery, List<String> names, Preprocessing pre, String explained, PrintWriter stdout) {
    if (montage != null) {
      PngWriter.write(montage, gallery.montage(224));
      stdout.println("montage -> " + montage);
    }
    if (report != null) {
      gallery.report("gradcam4j: " + model.resolved().displayName())
          .note("model: " + model.model + model.resolved().card().map(c -> c.description() == null ? ""
              : " (" + c.description() + ")").orElse(""))
          .note("methods: " + String.join(", ", names) + "; target: " + explained)
          .note("pre-processing: " + pre)
          .write(report);
      stdout.println("report -> " + report);
    }
  }

  /** The input shape [1, 3, H, W] the images will have: the crop size, else the first image's size. */
  private static long[] inputShape(Preprocessing pre, Path first) {
    if (pre.crop() > 0) {
      return new long[] {1, 3, pre.crop(), pre.crop()};
    }
    RgbImage image = pre.resizeAndCrop(ImageDecoder.read(first));
    return new long[] {1, 3, image.height(), image.width()};
  }

  /** The output's values for another image (the reference of similar-to:IMAGE). */
  private static float[] embedding(Explainer explainer, Preprocessing pre, String output, Path file) {
    ImageDecoder.checkReadable(file);
    FloatTensor x = FloatTensor.stack(List.of(pre.normalize(pre.resizeAndCrop(ImageDecoder.read(file)))));
    return explainer.forward(x, List.of(output)).get(output).data();
  }

  /** One line per phase; compiling and creating sessions happen inside "explain", on first use. */
  private void printTimings(PhaseTimes phases, double loadMs, double explainMs, double writeMs, double totalMs) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("timings (ms):");
    err.printf(Locale.ROOT, "  %-22s %9.1f%n", "load model", loadMs);
    Map<String, Long> counts = phases.counts();
    phases.millis().forEach((phase, ms) -> err.printf(Locale.ROOT, "  %-22s %9.1f%s%n", phase, ms,
        counts.get(phase) > 1 ? "  (" + counts.get(phase) + " times)" : ""));
    err.printf(Locale.ROOT, "  %-22s %9.1f  (includes compiling gradients and creating sessions)%n", "explain", explainMs);
    err.printf(Locale.ROOT, "  %-22s %9.1f%n", "write files", writeMs);
    err.printf(Locale.ROOT, "  %-22s %9.1f%n", "total", totalMs);
    err.flush();
  }

  /** The file-name form of a method: counterfactual maps get their own name. */
  private String fileName(String method) {
    return method + (counterfactual ? "-counterfactual" : "");
  }

  private ExplainedImage renamed(ExplainedImage image, List<ExplanationMethod> chosen) {
    var byName = new java.util.LinkedHashMap<String, Explanation>();
    for (ExplanationMethod m : chosen) {
      byName.put(fileName(m.name()), image.explanation(m.name()));
    }
    return new ExplainedImage(image.name(), image.input(), byName);
  }

  private RenderOptions renderOptions() {
    AttributionMode mode = attributionMode;
    if (alpha < 0 || alpha > 1) {
      throw new GradCamException("--alpha must be between 0 and 1, got " + alpha);
    }
    if (percentile <= 0 || percentile > 100) {
      throw new GradCamException("--percentile must be in (0, 100], got " + percentile);
    }
    return new RenderOptions(Colormap.named(colormap), alpha, Colormap.named(pixelColormap), mode, percentile);
  }

  static void checkUniqueStems(List<Path> files) {
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
