package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.train.DemoModelFiles;
import org.gradcam4j.train.DemoTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j train-demo}: rebuilds the built-in demo model from its recipe. */
@Command(name = "train-demo", mixinStandardHelpOptions = true,
    description = {
      "Trains the built-in demo model (a small CNN with global average pooling) on freshly generated "
          + "synthetic shapes with gradcam4j's own gradient compiler and AdamW, and writes the ONNX file with its "
          + "model card. The defaults are the recipe of the shipped model; expect about 25 minutes on 2 cores."
    })
final class TrainDemoCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the ONNX model (a .json card is written next to it).")
  Path out;

  @Option(names = "--steps", paramLabel = "N", description = "Optimisation steps (default: the recipe's).")
  Integer steps;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of data and initial weights (default: the recipe's).")
  Long seed;

  @Option(names = "--test-images", defaultValue = "2000", paramLabel = "N",
      description = "Fresh images to measure the accuracy on at the end (default: ${DEFAULT-VALUE}).")
  int testImages;

  @Override
  public Integer call() {
    DemoTrainer.Settings r = DemoTrainer.Settings.recipe();
    DemoTrainer.Settings s = new DemoTrainer.Settings(seed != null ? seed : r.seed(), r.batch(),
        steps != null ? steps : r.steps(), r.learningRate(), r.weightDecay(), r.threads());
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    DemoTrainer.Trained trained = DemoTrainer.train(s, step -> {
      if (step.step() % 100 == 0 || step.step() == s.steps() - 1) {
        err.printf(Locale.ROOT, "step %5d/%d  loss %.3f  batch accuracy %.2f  lr %.5f  (%.0f s)%n", step.step() + 1,
            s.steps(), step.loss(), step.accuracy(), step.learningRate(), (System.nanoTime() - t0) / 1e9);
        err.flush();
      }
    });
    OnnxModel model = trained.inferenceModel();
    double accuracy = DemoTrainer.accuracy(model, s.seed() + 1, 0, testImages, s.threads());
    DemoModelFiles.write(model, out);
    spec.commandLine().getOut().printf(Locale.ROOT, "accuracy on %d fresh images: %.4f; wrote %s and %s%n",
        testImages, accuracy, out, org.gradcam4j.model.ModelCard.sidecarFor(out));
    return 0;
  }
}
