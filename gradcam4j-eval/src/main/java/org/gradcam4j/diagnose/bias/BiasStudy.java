package org.gradcam4j.diagnose.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.eval.RegionMass;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.PreprocessingSpec;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.train.DemoTrainer;
import org.gradcam4j.train.ShapesCnn;

/**
 * The Grad-CAM paper's dataset-bias experiment on synthetic shapes. Two copies of the demo network
 * are trained with the project's trainer: one on {@link BiasedShapes biased} data (the cue goes with
 * the class in {@code biasedRate} of the images), one on balanced data (the cue is there but says
 * nothing). Each is then measured on three test sets of the same fresh scenes (another seed than
 * training): its own kind of data, cue-free and cue-swapped; and on the biased test images, Grad-CAM
 * of the top-1 class at the last convolution ({@code features}) is split into the share of its mass
 * on the cue and on the object ({@link RegionMass}).
 */
public final class BiasStudy {
  /** The models' names, in report order. */
  public static final String BIASED = "biased";
  public static final String BALANCED = "balanced";

  /**
   * @param classes the shapes to tell apart (2 by default, as doctor and nurse)
   * @param biasedRate share of the biased training images whose cue is their class's (>= 0.9)
   * @param widthDivisor channel counts of the demo network divided by this
   * @param training trainer settings; its seed selects the training scenes, seed + 1 the test scenes
   * @param testImages images per test set
   * @param scenePool training repeats this many scenes with fresh cue draws (0: every image is new;
   *     see {@link BiasedShapes})
   */
  public record Settings(List<TargetShape> classes, double biasedRate, int widthDivisor,
      DemoTrainer.Settings training, int testImages, int scenePool) {
    public Settings {
      classes = List.copyOf(classes);
      if (testImages < 1) {
        throw new IllegalArgumentException("need at least one test image, got " + testImages);
      }
    }

    /**
     * The recipe of the shipped study models: circle against cross, 95 % bias, the demo network at a
     * quarter of its width, 600 steps of 32 fresh images.
     */
    public static Settings recipe() {
      return new Settings(List.of(TargetShape.CIRCLE, TargetShape.CROSS), 0.95, 4,
          new DemoTrainer.Settings(2027, 32, 600, 3e-3, 1e-4, 2), 400, 0);
    }

    /** The cue rate of the named model's training data. */
    public double rate(String model) {
      return model.equals(BIASED) ? biasedRate : BiasedShapes.balancedRate(classes.size());
    }

    /** The names of the classes, in label order. */
    public List<String> classNames() {
      return classes.stream().map(TargetShape::displayName).toList();
    }

    /** Training data of the named model. */
    BiasedShapes trainingData(String model) {
      return new BiasedShapes(training.seed(), classes, rate(model), BiasedShapes.Cueing.BY_RATE, scenePool);
    }

    /** Test data drawn like the named model's training data, from fresh scenes. */
    BiasedShapes testData(String model) {
      return new BiasedShapes(training.seed() + 1, classes, rate(model), BiasedShapes.Cueing.BY_RATE);
    }

  }

  /**
   * What one model does.
   *
   * @param cueRate the cue rate of its training data
   * @param ownAccuracy accuracy on test images drawn like its training data
   * @param cueFreeAccuracy accuracy on the test scenes without a cue
   * @param cueSwappedAccuracy accuracy on the test scenes with another class's cue
   * @param massOnCue mean share of Grad-CAM mass on the cue, over the biased test images
   * @param massOnObject mean share on the object, same images
   * @param cueArea mean share of the image that the cue covers, same images (the share a uniform map puts there)
   * @param objectArea mean share of the image that the object covers
   */
  public record ModelReport(String name, double cueRate, double ownAccuracy, double cueFreeAccuracy,
      double cueSwappedAccuracy, double massOnCue, double massOnObject, double cueArea, double objectArea) {}

  private static final int BATCH = 50;

  private BiasStudy() {}

  /** Trains the named model ({@link #BIASED} or {@link #BALANCED}). */
  public static OnnxModel train(Settings s, String model, Consumer<DemoTrainer.Step> progress) {
    ShapesCnn cnn = new ShapesCnn(s.classes().size(), s.widthDivisor());
    DemoTrainer.Trained trained = DemoTrainer.train(s.training(), cnn, s.trainingData(model), progress);
    return OnnxModel.of(cnn.inferenceModel(trained.parameters(), trained.statistics()), "bias study: " + model);
  }

  /** The model card of a study model: the demo model's input, these classes, layer {@code features}. */
  public static ModelCard card(Settings s, String model) {
    return new ModelCard("gradcam4j bias study: " + model + " model (" + String.join(" vs ", s.classNames())
        + ", cue rate " + s.rate(model) + "), trained by gradcam4j bias --train",
        new PreprocessingSpec("inception", ShapesCnn.SIZE, ShapesCnn.SIZE, null, null, null, null, null),
        ModelCard.Labels.inline(s.classNames()), ShapesCnn.FEATURES, ShapesCnn.LOGITS);
  }

  /**
   * Measures a trained model; {@code progress} hears the number of test images done out of
   * {@code 4 * testImages}.
   */
  public static ModelReport measure(Settings s, String name, OnnxModel model, int threads, IntConsumer progress) {
    BiasedShapes own = s.testData(name);
    BiasedShapes biased = s.testData(BIASED);
    int n = s.testImages();
    int[] done = {0};
    IntConsumer step = k -> progress.accept(done[0] += k);
    double ownAccuracy;
    double cueFree;
    double swapped;
    try (OnnxSession session = new OnnxSession(model, threads)) {
      ownAccuracy = accuracy(session, own, n, step);
      cueFree = accuracy(session, own.withCueing(BiasedShapes.Cueing.NONE), n, step);
      swapped = accuracy(session, own.withCueing(BiasedShapes.Cueing.SWAPPED), n, step);
    }
    double onCue = 0;
    double onObject = 0;
    double cueArea = 0;
    double objectArea = 0;
    try (Explainer explainer = Explainer.of(model, threads)) {
      for (int start = 0; start < n; start += BATCH) {
        List<BiasedShapes.Sample> samples = samples(biased, start, Math.min(n, start + BATCH));
        List<Explanation> maps = gradCam(explainer, samples);
        for (int i = 0; i < samples.size(); i++) {
          BiasedShapes.Sample sample = samples.get(i);
          SaliencyMap map = displayMap(maps.get(i), sample.image());
          onCue += RegionMass.shareInside(map, sample.cue());
          onObject += RegionMass.shareInside(map, sample.object());
          cueArea += sample.cue().count() / (double) map.size();
          objectArea += sample.object().count() / (double) map.size();
        }
        step.accept(samples.size());
      }
    }
    return new ModelReport(name, s.rate(name), ownAccuracy, cueFree, swapped, onCue / n, onObject / n, cueArea / n,
        objectArea / n);
  }

  /** Grad-CAM of the top-1 class at {@code features}, one per sample. */
  public static List<Explanation> gradCam(Explainer explainer, List<BiasedShapes.Sample> samples) {
    return explainer.explain(batch(samples), ExplainRequest.gradCam().withLayer(ShapesCnn.FEATURES));
  }

  /** The map at the image's size, as it is shown and measured. */
  public static SaliencyMap displayMap(Explanation e, RgbImage image) {
    return SaliencyMap.of(e.displayMap(image.height(), image.width()), image.width(), image.height());
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
  public static List<BiasedShapes.Sample> samples(BiasedShapes data, int from, int to) {
    List<BiasedShapes.Sample> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(data.sample(i));
    }
    return out;
  }

  private static double accuracy(OnnxSession session, BiasedShapes data, int n, IntConsumer progress) {
    int correct = 0;
    for (int start = 0; start < n; start += BATCH) {
      List<BiasedShapes.Sample> samples = samples(data, start, Math.min(n, start + BATCH));
      float[] logits = session.run(Map.of(ShapesCnn.INPUT, batch(samples)), List.of(ShapesCnn.LOGITS))
          .get(ShapesCnn.LOGITS).data();
      int k = logits.length / samples.size();
      for (int i = 0; i < samples.size(); i++) {
        correct += ArgMax.of(logits, i * k, (i + 1) * k) - i * k == samples.get(i).label() ? 1 : 0;
      }
      progress.accept(samples.size());
    }
    return (double) correct / n;
  }

  private static FloatTensor batch(List<BiasedShapes.Sample> samples) {
    Preprocessing pre = DemoTrainer.preprocessing();
    return FloatTensor.stack(samples.stream().map(x -> pre.normalize(x.image())).toList());
  }
}
