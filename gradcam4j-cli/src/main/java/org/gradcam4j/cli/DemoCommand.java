package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.Explainer;
import org.gradcam4j.ImageExplanation;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.render.Gallery;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.targets.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j demo}: the main methods on a few images, as a picture and a web page. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "Shows what gradcam4j does, with nothing to prepare: generates a few synthetic images (single "
          + "shapes and pairs of shapes), explains them with the built-in demo model by Grad-CAM, Grad-CAM++, "
          + "Score-CAM, Guided Grad-CAM, a counterfactual Grad-CAM and occlusion, and writes a montage PNG and "
          + "an HTML report. With --model and --image it does the same for your model and photos."
    })
final class DemoCommand implements Callable<Integer> {
  static final List<String> METHODS = List.of("gradcam", "gradcam++", "scorecam", "guided-gradcam", "occlusion");
  static final String COUNTERFACTUAL = "counterfactual";

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = {"-i", "--image"}, paramLabel = "FILE", arity = "1..*",
      description = "Your own image(s) instead of the synthetic ones.")
  List<Path> images;

  @Option(names = {"-o", "--out"}, defaultValue = "gradcam4j-demo", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--count", defaultValue = "6", paramLabel = "N",
      description = "Synthetic images to generate (default: ${DEFAULT-VALUE}; every third is a pair of shapes).")
  int count;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Seed of the synthetic images (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  PreprocessOptions preprocess;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    AtomicFiles.ensureWritableDirectory(out);
    PrintWriter stdout = spec.commandLine().getOut();
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      List<RgbImage> inputs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      if (images != null) {
        for (Path p : images) {
          ImageDecoder.checkReadable(p);
        }
        for (Path p : images) {
          inputs.add(ImageDecoder.read(p));
          names.add(ExplainCommand.stem(p));
        }
      } else {
        SyntheticDataset data = new SyntheticDataset(seed, pre.crop() > 0 ? pre.crop() : SyntheticDataset.DEFAULT_IMAGE_SIZE);
        for (int i = 0; i < count; i++) {
          LabelledImage sample = i % 3 == 2 ? data.pairSample(i) : data.sample(i);
          RgbImage image = sample.image();
          String name = String.format(Locale.ROOT, "%02d-%s", i, String.join("-",
              sample.objects().stream().map(o -> o.label()).toList()));
          PngWriter.write(out.resolve(name + ".png"), image);
          inputs.add(image);
          names.add(name);
        }
      }
      int size = Math.max(inputs.get(0).width(), inputs.get(0).height());
      MethodOptions options = MethodOptions.defaults();
      if (pre.crop() > 0 && pre.crop() <= 96) {
        // Occlusion patches sized for the small synthetic images.
        options = options.toBuilder().occlusionWindow(8).occlusionStride(4).build();
      }
      ImageExplanation request = explainer.explainImages(inputs, names)
          .preprocessing(pre)
          .methods(METHODS.toArray(String[]::new))
          .layers(model.card().layers().toArray(String[]::new))
          .scoreTensor(model.card().scoreTensor())
          .options(options);
      List<ExplainedImage> main = request.run();
      List<ExplainedImage> counter = explainer.explainImages(inputs, names).preprocessing(pre).methods("gradcam")
          .layers(model.card().layers().toArray(String[]::new)).scoreTensor(model.card().scoreTensor())
          .target(Target.topPrediction().counterfactual()).run();

      List<String> columns = new ArrayList<>(METHODS);
      columns.add(COUNTERFACTUAL);
      Gallery gallery = new Gallery(columns, model.labels(null), RenderOptions.defaults());
      for (int i = 0; i < main.size(); i++) {
        Map<String, Explanation> all = new LinkedHashMap<>(main.get(i).explanations());
        all.put(COUNTERFACTUAL, counter.get(i).explanation("gradcam").withMethod(COUNTERFACTUAL));
        gallery.add(new ExplainedImage(main.get(i).name(), main.get(i).input(), all));
      }
      Path montage = out.resolve("demo.png");
      Path report = out.resolve("demo.html");
      PngWriter.write(montage, gallery.montage(Math.max(160, Math.min(224, size * 3))));
      gallery.report("gradcam4j demo: " + model.resolved().displayName())
          .note("Each row is an image, each column a method; the caption names the explained class and its score.")
          .note("counterfactual: Grad-CAM of the evidence against the predicted class (negated gradients).")
          .write(report);
      stdout.printf(Locale.ROOT, "gradcam4j demo: %d images x %d methods in %.1f s%n", inputs.size(), columns.size(),
          (System.nanoTime() - t0) / 1e9);
      stdout.println("  montage: " + montage.toAbsolutePath());
      stdout.println("  report:  " + report.toAbsolutePath());
    }
    return 0;
  }
}
