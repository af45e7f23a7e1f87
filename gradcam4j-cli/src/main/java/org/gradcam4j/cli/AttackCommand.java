package org.gradcam4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.diagnose.attack.AdversarialAttack;
import org.gradcam4j.diagnose.attack.AttackExplanations;
import org.gradcam4j.diagnose.attack.AttackLoss;
import org.gradcam4j.diagnose.attack.AttackResult;
import org.gradcam4j.diagnose.attack.AttackSettings;
import org.gradcam4j.diagnose.attack.AttackSummary;
import org.gradcam4j.diagnose.attack.PixelBudget;
import org.gradcam4j.diagnose.attack.PixelSpace;
import org.gradcam4j.diagnose.attack.PointingAgreement;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.gradcam4j.io.StrictJson;
import org.gradcam4j.render.Gallery;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.runtime.FloatTensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j attack}: adversarial images, and what Grad-CAM makes of them. */
@Command(name = "attack", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Makes adversarial images with FGSM or PGD, using the gradient compiler for the gradient of the loss"
          + " with respect to the input, and explains them. The perturbation is bounded in pixel space: every"
          + " 8-bit value of the image as the model sees it (after resizing and cropping, before mean/std) moves"
          + " by at most --eps, and stays within 0-255. The result is rounded to 8 bits as part of the attack"
          + " and checked again; with PGD, an image that no longer fools the model after rounding takes up to"
          + " --steps further steps.",
      "For each image S it writes S.original.png (the image as the model sees it, the reference for the bound),"
          + " S.adversarial.png, S.adversarial.npy (the adversarial image as the model's input tensor"
          + " [1,3,H,W], after pre-processing), S.attack.json (prediction and confidence before and after, maximum"
          + " change, pointing agreement) and S.montage.png (clean and adversarial image, each with Grad-CAM and"
          + " Guided Grad-CAM of the original and of the adversarial class), and attack.json for all images."
    })
final class AttackCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ExplainCommand.Inputs inputs;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--attack", defaultValue = "pgd", paramLabel = "fgsm|pgd",
      description = "fgsm: one signed gradient step of --eps; pgd: --steps signed steps of --step-size, each"
          + " projected back into the --eps ball (default: ${DEFAULT-VALUE}).")
  AttackSettings.Method method;

  @Option(names = "--eps", defaultValue = "8/255", paramLabel = "A/255|LEVELS",
      description = "Largest change of any pixel value: a fraction of the 0-255 range such as 8/255, or a number"
          + " of levels such as 8 (the same thing). Rounding to 8 bits keeps whole levels, floor(eps)"
          + " (default: ${DEFAULT-VALUE}).")
  String eps;

  @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "PGD steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--step-size", paramLabel = "A/255|LEVELS",
      description = "PGD step, written like --eps (default: 2.5 * eps / steps).")
  String stepSize;

  @Option(names = "--stop-when-fooled",
      description = "PGD: stop each image at the first step whose 8-bit version fools the model (the least"
          + " perturbation along the way) instead of taking every step (the most confident result).")
  boolean stopWhenFooled;

  @Option(names = "--target-class", paramLabel = "INT|NAME",
      description = "Make the model see this class (an index or a label); default: untargeted, any class but"
          + " the original prediction.")
  String targetClass;

  @Option(names = "--loss", defaultValue = "ce", paramLabel = "ce|margin",
      description = "What the steps climb: ce (cross-entropy of the scores taken as logits) or margin (the best"
          + " other logit minus the original one; targeted: the target's logit minus the best other)"
          + " (default: ${DEFAULT-VALUE}).")
  String loss;

  @Mixin
  ExplainedTensorOptions tensors;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N", description = "Images per run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--no-maps", description = "Only attack: no Grad-CAM, no montages, no pointing agreement.")
  boolean noMaps;

  @Option(names = "--montage", paramLabel = "FILE", description = "Also write one PNG of every image's two montage rows.")
  Path montage;

  @Option(names = "--tile", paramLabel = "PIXELS",
      description = "Side of each picture in the montages (default: the image size, within 128-224).")
  Integer tileSize;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line (default: a labels file next to the model).")
  Path labels;

  /** One prediction in the JSON files. */
  record Prediction(int index, String label, float confidence) {}

  /** Where Grad-CAM of the original class peaks on the clean and on the adversarial image. */
  record Pointing(int[] clean, int[] adversarial, double distance, int tolerance, boolean agrees) {}

  /** S.attack.json. */
  record ImageReport(String image, String original, String adversarial, String adversarialTensor, String attack,
      boolean success, Prediction before, Prediction after, float originalClassConfidenceAfter, int steps,
      int maxChange, Pointing pointing) {}

  /** attack.json. */
  record RunReport(String model, String attack, double epsLevels, String preprocessing, int images, int successes,
      double successRate, Integer pointingCompared, Integer pointingAgreements, Double pointingAgreementRate,
      List<ImageReport> results) {}

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1) {
      throw new GradCamException("--batch-size must be at least 1");
    }
    if (steps < 1) {
      throw new GradCamException("--steps must be at least 1");
    }
    if (tileSize != null && (tileSize < 32 || tileSize > 1024)) {
      throw new GradCamException("--tile must be 32..1024 pixels, got " + tileSize);
    }
    PixelBudget epsilon = PixelBudget.parse(eps, "--eps");
    if (method == AttackSettings.Method.FGSM && stepSize != null) {
      throw new GradCamException("--step-size applies to --attack pgd only; FGSM takes one step of --eps");
    }
    if (noMaps && montage != null) {
      throw new GradCamException("--montage shows the maps, which --no-maps leaves out; drop one of the two");
    }
    if (method == AttackSettings.Method.FGSM && stopWhenFooled) {
      throw new GradCamException("--stop-when-fooled applies to --attack pgd only; FGSM takes one step");
    }
    PixelBudget step = stepSize == null ? null : PixelBudget.parse(stepSize, "--step-size");
    AttackLoss lossKind = AttackLoss.parse(loss);
    List<Path> files = inputs.files();
    ExplainCommand.checkUniqueStems(files);
    PrintWriter stdout = spec.commandLine().getOut();

    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      if (pre.crop() <= 0) {
        throw new GradCamException("attack needs every image at one size: set --crop (e.g. --crop 224)");
      }
      String score = explainer.runtime().scoreTensor(tensors.scoreTensor(model.card()));
      List<String> layerNames = tensors.layers(model.card());
      long[] shape = {1, 3, pre.crop(), pre.crop()};
      int classes = explainer.runtime().classCount(shape, score);
      if (!noMaps) {
        explainer.runtime().resolveLayers(layerNames, shape, score);
      }
      List<String> classNames = model.labels(labels);
      int target = targetClass == null ? -1 : ClassNames.index(targetClass, classNames, classes, "--target-class");
      AttackSettings settings = method == AttackSettings.Method.FGSM
          ? AttackSettings.fgsm(epsilon, target, lossKind)
          : AttackSettings.pgd(epsilon, steps, step, target, lossKind).withStopWhenFooled(stopWhenFooled);
      // Everything is checked before the first file is written.
      AtomicFiles.ensureWritableDirectory(out);
      AdversarialAttack attack = new AdversarialAttack(explainer.runtime(), score, pre, settings);
      int perRun = explainer.runtime().fixedBatchSize() > 0 ? explainer.runtime().fixedBatchSize() : batchSize;
      AttackExplanations maps = noMaps ? null : new AttackExplanations(explainer, pre, layerNames, score, perRun,
          AttackExplanations.defaultTolerance());
      Gallery all = new Gallery(AttackExplanations.COLUMNS, classNames, RenderOptions.defaults());
      int tile = tileSize != null ? tileSize : Math.max(128, Math.min(224, pre.crop()));

      ProgressBar bar = ProgressBar.forStderr(spec.commandLine().getErr());
      bar.started(files.size(), 0);
      AttackSummary summary = AttackSummary.EMPTY;
      List<ImageReport> reports = new ArrayList<>();
      for (int start = 0; start < files.size(); start += perRun) {
        List<Path> chunk = files.subList(start, Math.min(files.size(), start + perRun));
        List<RgbImage> crops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : chunk) {
          crops.add(pre.resizeAndCrop(ImageDecoder.read(f)));
          names.add(ExplainCommand.stem(f));
        }
        List<AttackResult> results = attack.attack(crops);
        List<AttackExplanations.Explained> explained = maps == null ? null : maps.explain(names, results);
        for (int i = 0; i < results.size(); i++) {
          AttackResult r = results.get(i);
          PointingAgreement agreement = explained == null ? null : explained.get(i).agreement();
          String name = names.get(i);
          Path original = out.resolve(name + ".original.png");
          Path adversarial = out.resolve(name + ".adversarial.png");
          Path tensor = out.resolve(name + ".adversarial.npy");
          PngWriter.write(original, r.original());
          PngWriter.write(adversarial, r.adversarial());
          FloatTensor input = new PixelSpace(pre).toTensor(PixelSpace.pixels(r.adversarial()), r.adversarial().width(),
              r.adversarial().height());
          Npy.write(tensor, new long[] {1, 3, input.dim(1), input.dim(2)}, input.data());
          if (explained != null) {
            Gallery one = new Gallery(AttackExplanations.COLUMNS, classNames, RenderOptions.defaults());
            one.add(explained.get(i).clean()).add(explained.get(i).adversarial());
            PngWriter.write(out.resolve(name + ".montage.png"), one.montage(tile));
            if (montage != null) {
              all.add(explained.get(i).clean()).add(explained.get(i).adversarial());
            }
          }
          ImageReport report = report(chunk.get(i), original, adversarial, tensor, settings, r, agreement, classNames);
          AtomicFiles.write(out.resolve(name + ".attack.json"), StrictJson.write(report));
          reports.add(report);
          summary = summary.add(r, agreement);
        }
        bar.advanced(start + chunk.size(), files.size());
      }
      bar.finished();
      if (montage != null) {
        PngWriter.write(montage, all.montage(tile));
      }
      RunReport run = new RunReport(model.model, settings.describe(), epsilon.levels(), pre.toString(),
          summary.images(), summary.successes(), summary.successRate(), noMaps ? null : summary.explained(),
          noMaps ? null : summary.agreements(), noMaps ? null : summary.agreementRate(), reports);
      AtomicFiles.write(out.resolve("attack.json"), StrictJson.write(run));

      for (ImageReport r : reports) {
        stdout.println(line(r));
      }
      stdout.println(settings.describe() + ": " + summary.describe(AttackExplanations.defaultTolerance()));
      stdout.println("results in " + out + (montage != null ? ", montage " + montage : ""));
      stdout.flush();
    }
    return 0;
  }

  private static ImageReport report(Path source, Path original, Path adversarial, Path tensor, AttackSettings settings,
      AttackResult r, PointingAgreement agreement, List<String> classNames) {
    Pointing pointing = agreement == null ? null : new Pointing(new int[] {agreement.x(), agreement.y()},
        new int[] {agreement.otherX(), agreement.otherY()}, Math.round(agreement.distance() * 100) / 100.0,
        AttackExplanations.defaultTolerance(), agreement.agrees());
    return new ImageReport(source.toString(), original.getFileName().toString(), adversarial.getFileName().toString(),
        tensor.getFileName().toString(), settings.describe(), r.success(),
        new Prediction(r.originalClass(), ClassNames.label(r.originalClass(), classNames), r.originalConfidence()),
        new Prediction(r.adversarialClass(), ClassNames.label(r.adversarialClass(), classNames),
            r.adversarialConfidence()),
        r.originalClassOnAdversarial(), r.steps(), r.maxChange(), pointing);
  }

  private static String line(ImageReport r) {
    String s = String.format(Locale.ROOT, "%s: %s %.3f -> %s %.3f, %s, max change %d", r.image(), r.before().label(),
        r.before().confidence(), r.after().label(), r.after().confidence(), r.success() ? "fooled" : "NOT fooled",
        r.maxChange());
    if (r.pointing() != null) {
      s += ", Grad-CAM of " + r.before().label() + (r.pointing().agrees() ? " points at the same place"
          : String.format(Locale.ROOT, " moved %.0f px", r.pointing().distance()));
    }
    return s;
  }
}
