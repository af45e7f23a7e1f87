package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.Resizing;
import org.gradcam4j.inspect.visualize.FeatureVisualizer;
import org.gradcam4j.inspect.visualize.Objective;
import org.gradcam4j.inspect.visualize.Objectives;
import org.gradcam4j.inspect.visualize.Style;
import org.gradcam4j.inspect.visualize.Visualization;
import org.gradcam4j.inspect.visualize.VisualizationFiles;
import org.gradcam4j.inspect.visualize.VisualizeSettings;
import org.gradcam4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j visualize}: class and feature visualisation by gradient ascent. */
@Command(name = "visualize", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Makes images that a class, a channel, a single neuron or a whole layer (DeepDream) responds to most, by "
          + "gradient ascent on the input: every step runs the model forward and back to the image in one "
          + "session.run. Objectives on the same tensor run as one batch. For each objective it writes "
          + "<objective>.png and <objective>.json (objective, style, steps, final objective value and, for a "
          + "class, its softmax probability on the final image). Same --seed, same pixels."
    })
final class VisualizeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--class", paramLabel = "C", split = ",",
      description = "Class index(es) whose logit to maximise, e.g. --class 1,130,207.")
  List<Integer> classes = new ArrayList<>();

  @Option(names = "--channel", paramLabel = "LAYER:C",
      description = "Maximise the mean of channel C of a layer (tensor or node name); repeatable.")
  List<String> channels = new ArrayList<>();

  @Option(names = "--neuron", paramLabel = "LAYER:C:Y:X",
      description = "Maximise one unit: channel C at row Y, column X of a layer; repeatable.")
  List<String> neurons = new ArrayList<>();

  @Option(names = "--dream", paramLabel = "LAYER",
      description = "DeepDream: maximise half the squared L2 norm of a whole layer; repeatable.")
  List<String> dreams = new ArrayList<>();

  @Option(names = "--objective", paramLabel = "SPEC",
      description = "Any objective as class:C, channel:LAYER:C, neuron:LAYER:C:Y:X or dream:LAYER; join several on"
          + " one tensor with '+' to maximise their sum (e.g. channel:conv1:3+channel:conv1:7); repeatable.")
  List<String> specs = new ArrayList<>();

  @Option(names = "--style", defaultValue = "lucid", paramLabel = "lucid|simonyan",
      description = "lucid: Fourier-space image, decorrelated colour, random jitter/scale/rotation, Adam (Olah et al."
          + " 2017); simonyan: pixels, L2 penalty, occasional blur (Simonyan et al. 2013) (default: ${DEFAULT-VALUE}).")
  String style;

  @Option(names = "--steps", paramLabel = "N", description = "Ascent steps (default: 512).")
  Integer steps;

  @Option(names = "--size", defaultValue = "224", paramLabel = "PX",
      description = "Image side when the model accepts any size; a fixed-size model uses its own (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "Seeds the starting noise and the random transformations (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--learning-rate", paramLabel = "R", description = "Step size (default: lucid 0.05, simonyan 0.01).")
  Double learningRate;

  @Option(names = "--from", paramLabel = "IMAGE",
      description = "Start from this image instead of noise (e.g. DeepDream on a photo); it is resized and centre-cropped.")
  Path from;

  @Option(names = "--until-probability", paramLabel = "P",
      description = "Stop improving a class image once its softmax probability reaches P (checked every 8 steps).")
  Double untilProbability;

  @Option(names = "--save-size", paramLabel = "PX",
      description = "Save the images resized to PX x PX (e.g. small pictures for a gallery); the JSON's values are"
          + " those of the full-size image.")
  Integer saveSize;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line, for the JSON (default: the model's).")
  Path labels;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (created if needed); required unless --bench.")
  Path out;

  @Option(names = "--bench", paramLabel = "N",
      description = "Instead of writing images, time N ascent steps against N plain forward + input-gradient runs of"
          + " the same batch (alternating, after 10 warm-up rounds) and print one JSON line.")
  Integer bench;

  @Override
  public Integer call() {
    List<Objective> objectives = objectives();
    Style s = Style.parse(style);
    VisualizeSettings settings = VisualizeSettings.defaults(s).withSteps(steps == null ? s.defaultSteps() : steps)
        .withSize(size).withSeed(seed);
    if (learningRate != null) {
      if (!(learningRate > 0)) {
        throw new GradCamException("--learning-rate must be positive, got " + learningRate);
      }
      settings = settings.withLearningRate(learningRate);
    }
    if (untilProbability != null) {
      settings = settings.withTargetProbability(untilProbability);
    }
    if (from != null) {
      settings = settings.withStart(ImageDecoder.read(from));
    }
    if (bench == null && out == null) {
      throw new GradCamException("Missing --out DIR: where to write the images");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      try (FeatureVisualizer visualizer = new FeatureVisualizer(explainer.runtime(), pre)) {
        if (bench != null) {
          return benchmark(visualizer, objectives, settings);
        }
        AtomicFiles.ensureWritableDirectory(out);
        ProgressBar bar = ProgressBar.forStderr(err);
        bar.started(settings.steps(), 0);
        List<Visualization> results = visualizer.visualize(objectives, settings, bar::stepped);
        bar.finished();
        List<String> names = model.labels(labels);
        PrintWriter stdout = spec.commandLine().getOut();
        for (Visualization v : results) {
          Path png = VisualizationFiles.write(out, saved(v), settings, names, model.model);
          stdout.println(String.format(Locale.ROOT, "%s: objective %.4g%s -> %s", v.objective().describe(),
              v.value(), Double.isNaN(v.probability()) ? ""
                  : String.format(Locale.ROOT, ", probability %.4f", v.probability()), png));
        }
        stdout.flush();
      }
    }
    return 0;
  }

  private Visualization saved(Visualization v) {
    if (saveSize == null) {
      return v;
    }
    if (saveSize < 8) {
      throw new GradCamException("--save-size must be at least 8 pixels, got " + saveSize);
    }
    return new Visualization(v.objective(), Resizing.resize(v.image(), saveSize, saveSize), v.value(),
        v.probability(), v.steps());
  }

  private List<Objective> objectives() {
    List<Objective> all = new ArrayList<>();
    classes.forEach(c -> all.add(Objective.classLogit(c)));
    channels.forEach(c -> all.add(Objectives.parse("channel:" + c)));
    neurons.forEach(n -> all.add(Objectives.parse("neuron:" + n)));
    dreams.forEach(d -> all.add(Objective.dream(d)));
    specs.forEach(o -> all.add(Objectives.parse(o)));
    if (all.isEmpty()) {
      throw new GradCamException("Nothing to visualise: give --class, --channel, --neuron, --dream or --objective");
    }
    return all;
  }

  private int benchmark(FeatureVisualizer visualizer, List<Objective> objectives, VisualizeSettings settings) {
    if (bench < 1) {
      throw new GradCamException("--bench needs at least 1 step, got " + bench);
    }
    FeatureVisualizer.Benchmark b = visualizer.benchmark(objectives, settings, 10, bench);
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("model", model.model);
    json.put("style", settings.style().key());
    json.put("batch", b.batch());
    json.put("size", b.size());
    json.put("iterations", bench);
    json.put("stepMedianSeconds", b.stepSeconds());
    json.put("forwardAndInputGradientMedianSeconds", b.gradientSeconds());
    json.put("ratio", b.ratio());
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
