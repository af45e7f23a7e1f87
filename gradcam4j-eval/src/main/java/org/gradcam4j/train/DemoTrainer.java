package org.gradcam4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;

/**
 * Trains {@link ShapesCnn} on freshly generated synthetic images with gradcam4j's own gradient
 * compiler: the training graph (weights as inputs, log-softmax output) is differentiated with respect
 * to every weight, the seed {@code -onehot(label) / N} makes the objective the mean cross-entropy,
 * and AdamW with a cosine learning-rate schedule updates the weights in Java. Every step sees new
 * images (sample indices never repeat), so the model cannot memorise its training set; the first
 * steps mix in easy images (shapes on plain backgrounds), a short curriculum that gets the network
 * past the start, where cluttered images alone leave it at chance for a long time.
 *
 * <p>Deterministic for a given seed, thread count and CPU: the data, the initial weights and the
 * update are reproducible; ONNX Runtime's float arithmetic may differ in the last bits between CPUs.
 */
public final class DemoTrainer {
  /**
   * @param seed seeds the data and the initial weights
   * @param batch images per step
   * @param steps optimisation steps
   * @param learningRate peak learning rate (cosine decay to zero, after a short linear warm-up)
   * @param weightDecay decoupled weight decay of the convolution and linear weights
   * @param threads ONNX Runtime threads (fixed, so runs are repeatable)
   */
  public record Settings(long seed, int batch, int steps, double learningRate, double weightDecay, int threads) {
    /** The recipe of the shipped demo model. */
    public static Settings recipe() {
      return new Settings(2026, 64, 2500, 3e-3, 1e-4, 2);
    }
  }

  /** Trained weights and the running batch-normalisation statistics. */
  public record Trained(ShapesCnn network, Map<String, float[]> parameters, Map<String, float[]> statistics) {
    public OnnxModel inferenceModel() {
      return OnnxModel.of(network.inferenceModel(parameters, statistics), "demo");
    }
  }

  /** Weight of the newest batch in the running statistics (PyTorch's default momentum). */
  static final double MOMENTUM = 0.1;

  /** Progress of one step. */
  public record Step(int step, double loss, double accuracy, double learningRate) {}

  private DemoTrainer() {}

  /** Images as the demo model takes them: 64x64, RGB scaled to -1..1. */
  public static Preprocessing preprocessing() {
    return Preprocessing.preset("inception").withResize(ShapesCnn.SIZE).withCrop(ShapesCnn.SIZE);
  }

  /** Trains the demo network on the synthetic benchmark (the shipped model's recipe). */
  public static Trained train(Settings s, Consumer<Step> progress) {
    SyntheticDataset data = new SyntheticDataset(s.seed(), ShapesCnn.SIZE);
    return train(s, new ShapesCnn(data.classCount()), TrainingImages.of(data), progress);
  }

  /** Trains {@code cnn}, which must have {@code data}'s number of classes, on {@code data}. */
  public static Trained train(Settings s, ShapesCnn cnn, TrainingImages data, Consumer<Step> progress) {
    if (cnn.classes() != data.classCount()) {
      throw new IllegalArgumentException("the network has " + cnn.classes() + " classes but the data "
          + data.classCount());
    }
    Map<String, float[]> params = cnn.initialParameters(s.seed());
    Map<String, float[]> statistics = cnn.initialStatistics();

    OnnxModel training = ModelPreparer.prepare(OnnxModel.of(cnn.trainingModel(s.batch()), "shapes-cnn training"));
    ShapeTable shapes = ShapeProbe.probe(training, ShapesCnn.INPUT, new long[] {s.batch(), 3, ShapesCnn.SIZE, ShapesCnn.SIZE}, false);
    GradientGraph graph = new GradientCompiler().compile(training, shapes, GradientRequest.builder("log_probabilities")
        .wrt(cnn.parameterNames()).keepModelOutputs(true).top1Seed(false).build());
    Preprocessing pre = preprocessing();
    Adam adam = new Adam(s.weightDecay());
    int classes = cnn.classes();
    List<String> outputs = new ArrayList<>(graph.gradientOutputs().values());
    outputs.add(graph.scoreOutput());
    for (int i = 1; i <= cnn.blocks(); i++) {
      outputs.add(ShapesCnn.batchMean(i));
      outputs.add(ShapesCnn.batchVar(i));
    }
    try (OnnxSession session = new OnnxSession(graph.model(), s.threads())) {
      for (int step = 0; step < s.steps(); step++) {
        int stepIndex = step;
        double easyShare = easyShare(s, step);
        // Curriculum: early batches mix in shapes on plain backgrounds, so the network finds shape
        // features before it has to find them in clutter. Images are drawn side by side (drawing them
        // costs more than the step itself); each depends only on its index, so the batch does not
        // depend on the threads.
        TrainingImages.Example[] batch = IntStream.range(0, s.batch()).parallel().mapToObj(i -> {
          long index = (long) stepIndex * s.batch() + i;
          return i < easyShare * s.batch() ? data.easyExample(index) : data.example(index);
        }).toArray(TrainingImages.Example[]::new);
        List<FloatTensor> images = new ArrayList<>(s.batch());
        int[] labels = new int[s.batch()];
        for (int i = 0; i < s.batch(); i++) {
          images.add(pre.normalize(batch[i].image()));
          labels[i] = batch[i].label();
        }
        float[] seed = new float[s.batch() * classes];
        for (int i = 0; i < s.batch(); i++) {
          seed[i * classes + labels[i]] = -1f / s.batch();
        }
        Map<String, FloatTensor> feeds = new LinkedHashMap<>();
        feeds.put(ShapesCnn.INPUT, FloatTensor.stack(images));
        feeds.put(graph.seedInput(), new FloatTensor(new long[] {s.batch(), classes}, seed));
        for (Map.Entry<String, float[]> p : params.entrySet()) {
          feeds.put(p.getKey(), new FloatTensor(cnn.parameterShapes().get(p.getKey()), p.getValue()));
        }
        Map<String, FloatTensor> out = session.run(feeds, outputs);
        Map<String, float[]> gradients = new LinkedHashMap<>();
        graph.gradientOutputs().forEach((param, name) -> gradients.put(param, out.get(name).data()));
        double lr = learningRate(s, step);
        adam.update(params, gradients, lr);
        for (int i = 1; i <= cnn.blocks(); i++) {
          float[] mean = out.get(ShapesCnn.batchMean(i)).data();
          float[] variance = out.get(ShapesCnn.batchVar(i)).data();
          float[] runningMean = statistics.get(ShapesCnn.runningMean(i));
          float[] runningVar = statistics.get(ShapesCnn.runningVar(i));
          // The running variance is unbiased, as PyTorch keeps it; n is the per-channel sample count.
          long n = (long) s.batch() * cnn.resolution(i) * cnn.resolution(i);
          for (int c = 0; c < mean.length; c++) {
            runningMean[c] = (float) ((1 - MOMENTUM) * runningMean[c] + MOMENTUM * mean[c]);
            runningVar[c] = (float) ((1 - MOMENTUM) * runningVar[c] + MOMENTUM * variance[c] * n / (n - 1.0));
          }
        }

        float[] logp = out.get(graph.scoreOutput()).data();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < s.batch(); i++) {
          loss -= logp[i * classes + labels[i]];
          int arg = ArgMax.of(logp, i * classes, (i + 1) * classes) - i * classes;
          correct += arg == labels[i] ? 1 : 0;
        }
        progress.accept(new Step(step, loss / s.batch(), (double) correct / s.batch(), lr));
      }
    }
    return new Trained(cnn, params, statistics);
  }

  /** Share of easy images in the batch at {@code step}: 3/4 at first, none after 40 % of the steps. */
  static double easyShare(Settings s, int step) {
    double end = 0.4 * s.steps();
    return step >= end ? 0 : 0.75 * (1 - step / end);
  }

  static double learningRate(Settings s, int step) {
    int warmup = Math.max(1, s.steps() / 50);
    if (step < warmup) {
      return s.learningRate() * (step + 1) / warmup;
    }
    double t = (double) (step - warmup) / Math.max(1, s.steps() - warmup);
    return s.learningRate() * 0.5 * (1 + Math.cos(Math.PI * t));
  }

  /** Accuracy of an inference model on {@code count} fresh images (indices after {@code first}). */
  public static double accuracy(OnnxModel model, long seed, long first, int count, int threads) {
    SyntheticDataset data = new SyntheticDataset(seed, ShapesCnn.SIZE);
    Preprocessing pre = preprocessing();
    int correct = 0;
    try (OnnxSession session = new OnnxSession(model, threads)) {
      for (int start = 0; start < count; start += 100) {
        int n = Math.min(100, count - start);
        List<FloatTensor> images = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          LabelledImage sample = data.sample(first + start + i);
          images.add(pre.normalize(sample.image()));
          labels[i] = sample.label();
        }
        float[] logits = session.run(Map.of(ShapesCnn.INPUT, FloatTensor.stack(images)), List.of(ShapesCnn.LOGITS))
            .get(ShapesCnn.LOGITS).data();
        int classes = logits.length / n;
        for (int i = 0; i < n; i++) {
          int arg = ArgMax.of(logits, i * classes, (i + 1) * classes) - i * classes;
          correct += arg == labels[i] ? 1 : 0;
        }
      }
    }
    return (double) correct / count;
  }

}
