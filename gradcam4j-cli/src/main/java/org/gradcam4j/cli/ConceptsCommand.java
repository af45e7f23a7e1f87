package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.concepts.RandomImages;
import org.gradcam4j.inspect.concepts.Tcav;
import org.gradcam4j.inspect.concepts.TcavView;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.runtime.ModelRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j concepts}: testing with concept activation vectors (TCAV). */
@Command(name = "concepts", mixinStandardHelpOptions = true,
    description = {
      "Testing with concept activation vectors (TCAV, Kim et al. 2018): how much a class depends on a concept"
          + " given as a folder of example images. For each repeat, a logistic regression (L2) separates the"
          + " concept's activations at --layer from those of a random set; its normal, pointing to the concept,"
          + " is the concept activation vector (CAV). The TCAV score is the fraction of the --images (pictures"
          + " of the class) whose class score grows along the CAV. The random baseline learns CAVs of random"
          + " images against the same random sets; a two-sided Welch t-test of a concept's scores against the"
          + " baseline's says whether it is significant (p < --alpha), whether the score is high or low.",
      "",
      "--random is a folder of random images (the baseline's random concept is one draw from it, each repeat"
          + " draws its random set from the rest) or a folder of at least --repeats + 1 folders of them (the"
          + " first is the baseline's random concept). Prints a table; writes tcav.json and tcav.png (mean score"
          + " per concept with one standard deviation, next to the random baseline). Pick a layer before the"
          + " last linear part of the network: where the score is linear in the layer (global average pooling"
          + " and a linear layer after it) every score is 0 or 1."
    })
final class ConceptsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--layer", required = true, paramLabel = "NAME", description = "The layer: a tensor or node name.")
  String layer;

  @Option(names = "--concept", required = true, paramLabel = "NAME=DIR",
      description = "A concept: its name and a folder of images showing it (repeat for several).")
  Map<String, Path> concepts = new LinkedHashMap<>();

  @Option(names = "--random", required = true, paramLabel = "DIR",
      description = "Random images: a folder of them, or a folder of folders of them.")
  Path random;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "Images of the class.")
  Path images;

  @Option(names = "--class", required = true, paramLabel = "INT|NAME", description = "The class: its index or its label.")
  String classArg;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line (default: the model card's, or a labels file next to the model).")
  Path labels;

  @Option(names = "--output", paramLabel = "NAME", description = "The tensor of class scores (default: the model card's, or the model's output).")
  String output;

  @Option(names = "--repeats", defaultValue = "10", paramLabel = "R",
      description = "Random sets, one CAV per concept each; at least 2 (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "P",
      description = "Significance level: a concept is significant when the t-test's p-value is below it (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--l2", defaultValue = "0.01", paramLabel = "X",
      description = "L2 penalty of the logistic regression, on activations scaled to unit mean squared norm (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--channel-means",
      description = "Learn the CAVs on each channel's mean over positions instead of every value of the layer:"
          + " position-free features for concepts that may appear anywhere in the image.")
  boolean channelMeans;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the random draws and held-out splits (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "Images per model run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    Tcav.Settings settings = new Tcav.Settings(repeats, l2, alpha, seed, batchSize, channelMeans);
    PrintWriter err = spec.commandLine().getErr();
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      ModelRuntime runtime = explainer.runtime();
      long[] inputShape = InspectSupport.folderInputShape(pre);
      if (runtime.fixedBatchSize() > 0) {
        inputShape[0] = runtime.fixedBatchSize();
      }
      String score = runtime.scoreTensor(output != null ? output : model.card().scoreTensor());
      String tensor = runtime.resolveLayer(layer, inputShape, score);
      int classes = runtime.classCount(inputShape, score);
      List<String> names = model.labels(labels);
      int classIndex = classIndex(classArg, names, classes);
      String className = classIndex < names.size() ? names.get(classIndex) : "class " + classIndex;
      Map<String, ImageFolder> folders = new LinkedHashMap<>();
      concepts.forEach((name, dir) -> folders.put(name, ImageFolder.of(dir)));
      Tcav.Input in = new Tcav.Input(tensor, score, classIndex, className, ImageFolder.of(images), folders,
          RandomImages.of(random));
      Tcav.Result r = Tcav.run(runtime, pre, in, settings, InspectSupport.progress(err));
      InspectSupport.reportSkipped(err, r.skipped());
      AtomicFiles.ensureWritableDirectory(out);
      TcavView.Written w = TcavView.write(r, out);
      spec.commandLine().getOut().print(TcavView.table(r));
      spec.commandLine().getOut().flush();
      r.notes().forEach(n -> err.println("gradcam4j: note: " + n));
      err.println("gradcam4j: " + r.concepts().size() + " concept(s) x " + repeats + " repeats at '" + tensor
          + "': wrote " + w.png() + ", " + w.json());
      err.flush();
      return 0;
    }
  }

  /** A class index, or a label of the model's class names (exact, then ignoring case). */
  static int classIndex(String arg, List<String> names, int classes) {
    String s = arg.strip();
    int index;
    if (s.matches("-?\\d+")) {
      index = Integer.parseInt(s);
    } else {
      index = names.indexOf(s);
      for (int i = 0; index < 0 && i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(s)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new GradCamException("--class '" + s + "' is no class name of this model"
            + (names.isEmpty() ? " (it has no class names: give an index, or --labels FILE)"
                : "; its classes are " + String.join(", ", names.subList(0, Math.min(12, names.size())))
                    + (names.size() > 12 ? ", ..." : "")));
      }
    }
    if (index < 0 || index >= classes) {
      throw new GradCamException(String.format(Locale.ROOT, "--class %d is out of range: the model has %d classes (0-%d)",
          index, classes, classes - 1));
    }
    return index;
  }
}
