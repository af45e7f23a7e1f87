package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.diagnose.failures.ClassFolderData;
import org.gradcam4j.diagnose.failures.ConfusionCounts;
import org.gradcam4j.diagnose.failures.Failure;
import org.gradcam4j.diagnose.failures.FailureFinder;
import org.gradcam4j.diagnose.failures.Prediction;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.StrictJson;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.Gallery;
import org.gradcam4j.render.HtmlReport;
import org.gradcam4j.render.RenderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j failures}: the images a model gets wrong, and why. */
@Command(name = "failures", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Finds the images a model misclassifies and explains each with Grad-CAM and Guided Grad-CAM for the"
          + " predicted and for the true class, most confident mistakes first. Writes failures.html (a"
          + " self-contained page), failures.png (the same as one picture), failures.json (accuracy, every"
          + " mistake, the confusion counts) and confusion.md (which classes are taken for which).",
      "Data: --data synthetic draws images of the built-in shape benchmark (with the built-in demo model by"
          + " default). --data DIR reads one sub-folder per class, named after the class as the model's labels"
          + " spell it (or its class index): DIR/tabby/1.jpg, DIR/tabby/2.png, DIR/espresso/1.jpg, ..."
    })
final class FailuresCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--data", required = true, paramLabel = "DIR|synthetic",
      description = "The labelled images: a folder with one sub-folder per class, or 'synthetic'.")
  String data;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--count", paramLabel = "N",
      description = "Synthetic data: images to draw (default: " + EvaluateCommand.DEFAULT_SYNTHETIC_COUNT + ").")
  Integer count;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Synthetic data: seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--image-size", defaultValue = "" + SyntheticDataset.DEFAULT_IMAGE_SIZE, paramLabel = "PIXELS",
      description = "Synthetic data: image side (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
      description = "Explain at most this many mistakes, the most confident ones, in the page and the picture;"
          + " failures.json lists all of them (default: ${DEFAULT-VALUE}).")
  int limit;

  @Mixin
  ExplainedTensorOptions tensors;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "Images per run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--tile", paramLabel = "PIXELS",
      description = "Side of each picture in the montages (default: the image size, within 128-224).")
  Integer tileSize;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line (default: a labels file next to the model).")
  Path labels;

  /** One mistake in failures.json. */
  record Mistake(String image, int trueClass, String trueLabel, int predictedClass, String predictedLabel,
      float confidence, float trueClassConfidence) {}

  /** One cell of the confusion counts. */
  record Confusion(String trueLabel, String predictedLabel, int trueClass, int predictedClass, int images) {}

  /** failures.json. */
  record Report(String model, String data, String preprocessing, int images, int unlabelled, int mistakes,
      double accuracy, List<Mistake> failures, List<Confusion> confusions) {}

  @Override
  public Integer call() {
    boolean synthetic = data.equalsIgnoreCase(EvaluateCommand.SYNTHETIC);
    if (batchSize < 1 || limit < 0 || (count != null && count < 1)) {
      throw new GradCamException("--batch-size and --count must be at least 1, --limit at least 0");
    }
    if (tileSize != null && (tileSize < 32 || tileSize > 1024)) {
      throw new GradCamException("--tile must be 32..1024 pixels, got " + tileSize);
    }
    if (!synthetic && count != null) {
      throw new GradCamException("--count applies to --data synthetic only");
    }
    if (synthetic && (imageSize < SyntheticDataset.MIN_IMAGE_SIZE || imageSize > SyntheticDataset.MAX_IMAGE_SIZE)) {
      throw new GradCamException("--image-size must be " + SyntheticDataset.MIN_IMAGE_SIZE + ".."
          + SyntheticDataset.MAX_IMAGE_SIZE + ", got " + imageSize);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try (Explainer explainer = model.explainer()) {
      if (synthetic) {
        preprocess.feedSyntheticImagesAtTheModelSize(explainer, imageSize);
      }
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      if (!synthetic && pre.crop() <= 0) {
        throw new GradCamException("a folder of images needs one size for all: set --crop (e.g. --crop 224)");
      }
      String score = explainer.runtime().scoreTensor(tensors.scoreTensor(model.card()));
      List<String> layerNames = tensors.layers(model.card());
      int side = pre.crop() > 0 ? pre.crop() : imageSize;
      long[] shape = {1, 3, side, side};
      int classes = explainer.runtime().classCount(shape, score);
      List<String> classNames = synthetic && model.labels(labels).isEmpty()
          ? new SyntheticDataset(seed).classNames() : model.labels(labels);
      // The data and the layer are checked before anything is written.
      EvaluationData source = synthetic
          ? EvaluationData.synthetic(seed, count != null ? count : EvaluateCommand.DEFAULT_SYNTHETIC_COUNT, imageSize)
          : new ClassFolderData(Path.of(data), classNames, classes);
      explainer.runtime().resolveLayers(layerNames, shape, score);
      AtomicFiles.ensureWritableDirectory(out);
      int perRun = explainer.runtime().fixedBatchSize() > 0 ? explainer.runtime().fixedBatchSize() : batchSize;
      FailureFinder.Scan scan = new FailureFinder(explainer, pre, layerNames, score, perRun)
          .scan(source, limit, ProgressBar.forStderr(spec.commandLine().getErr()));

      Gallery gallery = new Gallery(FailureFinder.COLUMNS, classNames, RenderOptions.defaults());
      for (Failure f : scan.failures()) {
        ExplainedImage e = f.explained();
        gallery.add(new ExplainedImage(e.name() + " (true: " + ClassNames.label(f.prediction().trueClass(), classNames)
            + ")", e.input(), e.explanations()));
      }
      String summary = String.format(Locale.ROOT, "%d of %d images misclassified (accuracy %.1f %%)%s",
          scan.wrong().size(), scan.predictions().size(), 100 * scan.accuracy(),
          scan.unlabelled() > 0 ? "; " + scan.unlabelled() + " images without a class of the model skipped" : "");
      HtmlReport page = gallery.report("gradcam4j failures: " + model.resolved().displayName())
          .note("data: " + source.describe() + "; " + summary)
          .note("Each row is a misclassified image, most confident mistakes first; the input's caption names the"
              + " predicted class and its probability, the row's name the true class."
              + (scan.failures().size() < scan.wrong().size() ? " The " + scan.failures().size()
              + " most confident mistakes are shown (--limit); failures.json lists all." : ""));
      for (ConfusionCounts.Cell c : scan.confusion().cells()) {
        page.note(String.format(Locale.ROOT, "confused: %s taken for %s, %d of %d images",
            ClassNames.label(c.trueClass(), classNames), ClassNames.label(c.predictedClass(), classNames), c.count(),
            scan.confusion().imagesOf(c.trueClass())));
      }
      page.write(out.resolve("failures.html"));
      if (!scan.failures().isEmpty()) {
        int tile = tileSize != null ? tileSize : Math.max(128, Math.min(224, side * 3));
        PngWriter.write(out.resolve("failures.png"), gallery.montage(tile));
      }
      AtomicFiles.writeString(out.resolve("confusion.md"), scan.confusion().markdown(classNames));
      AtomicFiles.write(out.resolve("failures.json"), StrictJson.write(report(scan, source, pre, classNames)));

      stdout.println(summary);
      stdout.print(scan.confusion().markdown(classNames));
      stdout.println("results in " + out + (scan.failures().isEmpty() ? " (no mistakes: no failures.png)" : ""));
      stdout.flush();
    }
    return 0;
  }

  private Report report(FailureFinder.Scan scan, EvaluationData source, Preprocessing pre, List<String> names) {
    List<Mistake> mistakes = new ArrayList<>();
    for (Prediction p : scan.wrong()) {
      mistakes.add(new Mistake(p.id(), p.trueClass(), ClassNames.label(p.trueClass(), names), p.predictedClass(),
          ClassNames.label(p.predictedClass(), names), p.confidence(), p.trueClassConfidence()));
    }
    List<Confusion> confusions = scan.confusion().cells().stream().map(c -> new Confusion(
        ClassNames.label(c.trueClass(), names), ClassNames.label(c.predictedClass(), names), c.trueClass(),
        c.predictedClass(), c.count())).toList();
    return new Report(model.model, source.describe(), pre.toString(), scan.predictions().size(), scan.unlabelled(),
        scan.wrong().size(), scan.accuracy(), mistakes, confusions);
  }
}
