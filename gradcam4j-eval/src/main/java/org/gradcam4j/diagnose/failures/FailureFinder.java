package org.gradcam4j.diagnose.failures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationImage;
import org.gradcam4j.eval.run.EvaluationProgress;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.math.Softmax;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * Finds the images a model gets wrong and explains them. One plain forward pass over the data, in
 * batches, predicts every labelled image (images without a class are skipped and counted); the
 * mistakes, sorted by the model's confidence in its wrong answer (highest first), then get Grad-CAM
 * and Guided Grad-CAM for the predicted and for the true class.
 */
public final class FailureFinder {
  public static final String GRADCAM_PREDICTED = "gradcam, predicted";
  public static final String GUIDED_PREDICTED = "guided, predicted";
  public static final String GRADCAM_TRUE = "gradcam, true class";
  public static final String GUIDED_TRUE = "guided, true class";
  /** The explanation columns of a failure, in order. */
  public static final List<String> COLUMNS = List.of(GRADCAM_PREDICTED, GUIDED_PREDICTED, GRADCAM_TRUE, GUIDED_TRUE);

  /**
   * What a scan found.
   *
   * @param predictions every labelled image's prediction, in data order
   * @param failures the explained mistakes, most confident first (at most the scan's limit)
   * @param wrong every mistake, most confident first (the failures are its first entries)
   * @param confusion the confusion counts of all predictions
   * @param unlabelled images skipped because their label names no class of the model
   */
  public record Scan(List<Prediction> predictions, List<Failure> failures, List<Prediction> wrong,
      ConfusionCounts confusion, int unlabelled) {
    public double accuracy() {
      return predictions.isEmpty() ? 0 : 1 - wrong.size() / (double) predictions.size();
    }
  }

  private final Explainer explainer;
  private final Preprocessing preprocessing;
  private final List<String> layers;
  private final String scoreTensor;
  private final int batchSize;

  /**
   * @param layers Grad-CAM's layers, empty for the model's default
   * @param scoreTensor the score tensor (logits), or null for the model's default
   * @param batchSize images per run
   */
  public FailureFinder(Explainer explainer, Preprocessing preprocessing, List<String> layers, String scoreTensor,
      int batchSize) {
    this.explainer = explainer;
    this.preprocessing = preprocessing;
    this.layers = List.copyOf(layers);
    this.scoreTensor = scoreTensor;
    this.batchSize = batchSize;
  }

  /**
   * Predicts every image of {@code data} and explains at most {@code limit} mistakes, the most
   * confident ones; {@code progress} hears the prediction pass.
   */
  public Scan scan(EvaluationData data, int limit, EvaluationProgress progress) {
    String score = explainer.runtime().scoreTensor(scoreTensor);
    List<Prediction> predictions = new ArrayList<>();
    Map<String, RgbImage> wrongImages = new LinkedHashMap<>();
    int unlabelled = 0;
    int n = data.size();
    progress.started(n, 0);
    for (int start = 0; start < n; start += batchSize) {
      int end = Math.min(n, start + batchSize);
      List<RgbImage> inputs = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (int i = start; i < end; i++) {
        EvaluationImage image = data.load(i);
        if (image.primaryClass() < 0) {
          unlabelled++;
          continue;
        }
        inputs.add(preprocessing.resizeAndCrop(image.image()));
        ids.add(image.id());
        labels.add(image.primaryClass());
      }
      if (!inputs.isEmpty()) {
        FloatTensor batch = FloatTensor.stack(inputs.stream().map(preprocessing::normalize).toList());
        float[][] scores = explainer.runtime().scoreRows(batch, score);
        for (int k = 0; k < inputs.size(); k++) {
          double[] p = Softmax.of(scores[k]);
          int predicted = ArgMax.of(scores[k]);
          int truth = labels.get(k);
          Prediction pr = new Prediction(ids.get(k), truth, predicted, (float) p[predicted],
              truth < p.length ? (float) p[truth] : 0f);
          predictions.add(pr);
          if (pr.isWrong()) {
            wrongImages.put(pr.id(), inputs.get(k));
          }
        }
      }
      progress.advanced(end, n);
    }
    progress.finished();
    List<Prediction> wrong = predictions.stream().filter(Prediction::isWrong)
        .sorted(Comparator.comparingDouble(Prediction::confidence).reversed().thenComparing(Prediction::id)).toList();
    List<Prediction> explainedOnes = wrong.subList(0, Math.min(limit, wrong.size()));
    List<Failure> failures = explain(explainedOnes, wrongImages);
    return new Scan(predictions, failures, wrong, ConfusionCounts.of(predictions), unlabelled);
  }

  private List<Failure> explain(List<Prediction> wrong, Map<String, RgbImage> images) {
    if (wrong.isEmpty()) {
      return List.of();
    }
    List<RgbImage> inputs = wrong.stream().map(p -> images.get(p.id())).toList();
    List<String> names = wrong.stream().map(Prediction::id).toList();
    List<ExplainedImage> predicted = run(inputs, names, wrong.stream().map(p -> Target.classIndex(p.predictedClass())).toList());
    List<ExplainedImage> truth = run(inputs, names, wrong.stream().map(p -> Target.classIndex(p.trueClass())).toList());
    List<Failure> out = new ArrayList<>();
    for (int i = 0; i < wrong.size(); i++) {
      Map<String, Explanation> e = new LinkedHashMap<>();
      e.put(GRADCAM_PREDICTED, predicted.get(i).explanation("gradcam").withMethod(GRADCAM_PREDICTED));
      e.put(GUIDED_PREDICTED, predicted.get(i).explanation("guided-gradcam").withMethod(GUIDED_PREDICTED));
      e.put(GRADCAM_TRUE, truth.get(i).explanation("gradcam").withMethod(GRADCAM_TRUE));
      e.put(GUIDED_TRUE, truth.get(i).explanation("guided-gradcam").withMethod(GUIDED_TRUE));
      out.add(new Failure(wrong.get(i), new ExplainedImage(names.get(i), inputs.get(i), e)));
    }
    return out;
  }

  private List<ExplainedImage> run(List<RgbImage> images, List<String> names, List<Target> targets) {
    // The images are already resized and cropped: only the value mapping is left to apply.
    return explainer.explainImages(images, names).preprocessing(preprocessing.withResize(0).withCrop(0))
        .methods("gradcam", "guided-gradcam").layers(layers.toArray(String[]::new)).scoreTensor(scoreTensor)
        .targets(targets).batchSize(batchSize).run();
  }
}
