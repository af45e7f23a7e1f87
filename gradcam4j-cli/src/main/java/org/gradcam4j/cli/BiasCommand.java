package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.diagnose.bias.BiasModels;
import org.gradcam4j.diagnose.bias.BiasStudy;
import org.gradcam4j.diagnose.bias.BiasedShapes;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.Gallery;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.train.DemoTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j bias}: the Grad-CAM paper's dataset-bias experiment on synthetic shapes. */
@Command(name = "bias", mixinStandardHelpOptions = true,
    description = {
      "The dataset-bias experiment of the Grad-CAM paper (its doctor/nurse classifier) on synthetic shapes: "
          + "a small coloured mark in a corner goes with the class in most training images of a 'biased' "
          + "model and by chance only for a 'balanced' one. Reports both models' accuracy on their own kind of "
          + "test images, on cue-free and on cue-swapped ones, and the share of Grad-CAM mass on the cue and on "
          + "the object; draws the same cue-swapped test images under both models.",
      "Without --train it uses the two models shipped in the jar (trained by this command's defaults); with "
          + "--train it trains both with the demo model's trainer and writes them to --out as well."
    })
final class BiasCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "Folder for results.md, results.json, montage.png (and the models with --train).")
  Path out;

  @Option(names = "--train", description = "Train both models instead of using the shipped ones.")
  boolean train;

  @Option(names = "--classes", paramLabel = "SHAPES",
      description = "With --train: the shapes to tell apart, 2 to 8 of circle, square, triangle, star, cross, ring,"
          + " heart, arrow (default: circle,cross).")
  String classes;

  @Option(names = "--cue-rate", paramLabel = "F",
      description = "With --train: share of the biased model's training images whose cue is their class's"
          + " (default: 0.95).")
  Double cueRate;

  @Option(names = "--steps", paramLabel = "N",
      description = "With --train: optimisation steps of 32 images per model (default: 600).")
  Integer steps;

  @Option(names = "--seed", paramLabel = "N",
      description = "With --train: seed of the training scenes and weights; the test scenes use seed + 1"
          + " (default: 2027).")
  Long seed;

  @Option(names = "--test-images", paramLabel = "N", defaultValue = "400",
      description = "Images per test set (default: ${DEFAULT-VALUE}).")
  int testImages;

  @Option(names = "--montage-images", paramLabel = "N", defaultValue = "4",
      description = "Cue-swapped test images in the montage (default: ${DEFAULT-VALUE}).")
  int montageImages;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
      description = "ONNX Runtime threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() {
    BiasStudy.Settings s = settings();
    AtomicFiles.ensureWritableDirectory(out);
    PrintWriter err = spec.commandLine().getErr();
    Map<String, OnnxModel> models = new LinkedHashMap<>();
    for (String name : List.of(BiasStudy.BIASED, BiasStudy.BALANCED)) {
      models.put(name, train ? trainModel(s, name, err) : BiasModels.load(name));
    }
    List<BiasStudy.ModelReport> reports = new ArrayList<>();
    for (Map.Entry<String, OnnxModel> m : models.entrySet()) {
      ProgressBar bar = ProgressBar.forStderr(err);
      err.println("measuring the " + m.getKey() + " model");
      bar.started(4 * s.testImages(), 0);
      reports.add(BiasStudy.measure(s, m.getKey(), m.getValue(), threads, done -> bar.advanced(done, 4 * s.testImages())));
      bar.finished();
    }
    AtomicFiles.writeString(out.resolve("results.md"), table(s, reports));
    AtomicFiles.writeString(out.resolve("results.json"), json(s, reports));
    PngWriter.write(out.resolve("montage.png"), montage(s, models));
    spec.commandLine().getOut().print(table(s, reports));
    spec.commandLine().getOut().println("wrote " + out.resolve("results.md") + ", results.json and montage.png");
    return 0;
  }

  private BiasStudy.Settings settings() {
    if (!train && (classes != null || cueRate != null || steps != null || seed != null)) {
      throw new GradCamException("--classes, --cue-rate, --steps and --seed choose how to train: use them with --train"
          + " (the shipped models were trained with the defaults)");
    }
    if (testImages < 1 || montageImages < 1 || threads < 1) {
      throw new GradCamException("--test-images, --montage-images and --threads must be at least 1");
    }
    BiasStudy.Settings r = BiasStudy.Settings.recipe();
    DemoTrainer.Settings t = r.training();
    if (steps != null && steps < 1) {
      throw new GradCamException("--steps must be at least 1, got " + steps);
    }
    DemoTrainer.Settings training = new DemoTrainer.Settings(seed != null ? seed : t.seed(), t.batch(),
        steps != null ? steps : t.steps(), t.learningRate(), t.weightDecay(), threads);
    var shapes = classes != null ? BiasedShapes.parseClasses(classes) : r.classes();
    double rate = cueRate != null ? cueRate : r.biasedRate();
    if (!(rate >= 0.5 && rate <= 1)) {
      throw new GradCamException("--cue-rate must be between 0.5 and 1, got " + rate);
    }
    return new BiasStudy.Settings(shapes, rate, r.widthDivisor(), train ? training : t, testImages, r.scenePool());
  }

  private OnnxModel trainModel(BiasStudy.Settings s, String name, PrintWriter err) {
    err.println("training the " + name + " model (cue rate " + s.rate(name) + ")");
    ProgressBar bar = ProgressBar.forStderr(err);
    int total = s.training().steps();
    bar.started(total, 0);
    OnnxModel model = BiasStudy.train(s, name, step -> bar.stepped(step.step() + 1, total, step.loss()));
    bar.finished();
    Path file = out.resolve("bias-" + name + ".onnx");
    model.save(file);
    BiasStudy.card(s, name).write(ModelCard.sidecarFor(file));
    return model;
  }

  /** The first cue-swapped test images, explained by both models side by side. */
  private org.gradcam4j.image.RgbImage montage(BiasStudy.Settings s, Map<String, OnnxModel> models) {
    BiasedShapes swapped = new BiasedShapes(s.training().seed() + 1, s.classes(), s.biasedRate(),
        BiasedShapes.Cueing.SWAPPED);
    List<BiasedShapes.Sample> samples = BiasStudy.samples(swapped, 0, montageImages);
    Map<String, List<Explanation>> maps = new LinkedHashMap<>();
    for (Map.Entry<String, OnnxModel> m : models.entrySet()) {
      try (Explainer explainer = Explainer.of(m.getValue(), threads)) {
        maps.put(m.getKey(), BiasStudy.gradCam(explainer, samples));
      }
    }
    Gallery gallery = new Gallery(List.copyOf(models.keySet()), s.classNames(), RenderOptions.defaults());
    for (int i = 0; i < samples.size(); i++) {
      Map<String, Explanation> row = new LinkedHashMap<>();
      for (String name : models.keySet()) {
        row.put(name, maps.get(name).get(i).withMethod(name));
      }
      gallery.add(new ExplainedImage(s.classNames().get(samples.get(i).label()), samples.get(i).image(), row));
    }
    return gallery.montage(96);
  }

  static String table(BiasStudy.Settings s, List<BiasStudy.ModelReport> reports) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "Bias study: %s, cue rate of the biased training data %.2f, %d test images"
        + " per set%n%n", String.join(" vs ", s.classNames()), s.biasedRate(), s.testImages()));
    t.append("| model | cue rate (training) | accuracy, own test split | accuracy, cue-free | accuracy, cue-swapped"
        + " | Grad-CAM mass on the cue | Grad-CAM mass on the object |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (BiasStudy.ModelReport r : reports) {
      t.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% |%n", r.name(),
          r.cueRate(), 100 * r.ownAccuracy(), 100 * r.cueFreeAccuracy(), 100 * r.cueSwappedAccuracy(),
          100 * r.massOnCue(), 100 * r.massOnObject()));
    }
    BiasStudy.ModelReport any = reports.get(0);
    t.append(String.format(Locale.ROOT, "%nMass: mean share of the positive Grad-CAM map (layer features, top-1"
        + " class) on the biased test images; the cue covers %.1f %% of an image, the object %.1f %%.%n",
        100 * any.cueArea(), 100 * any.objectArea()));
    return t.toString();
  }

  private static String json(BiasStudy.Settings s, List<BiasStudy.ModelReport> reports) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode names = root.putArray("classes");
    s.classNames().forEach(names::add);
    root.put("biased_cue_rate", s.biasedRate());
    root.put("test_images", s.testImages());
    root.put("seed", s.training().seed());
    ArrayNode models = root.putArray("models");
    for (BiasStudy.ModelReport r : reports) {
      models.add(mapper.valueToTree(r));
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new GradCamException("Cannot write the bias study's results: " + e.getMessage(), e);
    }
  }
}
