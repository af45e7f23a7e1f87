package org.gradcam4j.eval.run.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;

/**
 * A metric that explains the images again with changed copies of the model and compares the maps: the
 * model-randomisation sanity check. It sees whole batches, since every changed model is a session of
 * its own, and besides its columns it keeps the similarity after every step of the change, which the
 * run reports in {@code sanity.md}.
 */
public interface ModelMetric extends MetricRule {
  /** Prepares one evaluation run (the changed models may be built on first use); closed when it ends. */
  Run open(OnnxModel model, int threads, MetricSettings settings);

  /**
   * A batch as the evaluation explained it.
   *
   * @param dataIndices each image's index in the data set
   * @param inputs the images as the model takes them
   * @param request how the maps were asked for (layers, options, score tensor)
   * @param explainedClasses the class each image's maps explain
   * @param maps per method, one map per image at the model-input size
   */
  record Batch(List<Integer> dataIndices, FloatTensor inputs, ExplainRequest request,
      List<ExplanationMethod> methods, int[] explainedClasses, Map<String, List<SaliencyMap>> maps) {
    /**
     * Positions in this batch of the images whose index in the data is below {@code count}, for
     * metrics that run on the first images of the data only.
     */
    public List<Integer> positionsBelow(int count) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < dataIndices.size(); i++) {
        if (dataIndices.get(i) < count) {
          positions.add(i);
        }
      }
      return positions;
    }

    /** The inputs at {@code positions}, as one batch in that order. */
    public FloatTensor inputsAt(List<Integer> positions) {
      int item = inputs.itemSize();
      float[] sub = new float[positions.size() * item];
      for (int k = 0; k < positions.size(); k++) {
        System.arraycopy(inputs.data(), positions.get(k) * item, sub, k * item, item);
      }
      long[] shape = inputs.shape().clone();
      shape[0] = positions.size();
      return new FloatTensor(shape, sub);
    }
  }

  /** Where the results of a batch go; {@code image} is a position in the batch. */
  interface Results {
    /** The values of one image's map of {@code method}. */
    Scores of(int image, String method);

    /** The similarities after every step for one image's map of {@code method}. */
    void steps(int image, String method, SanityCheck.Result similarities);
  }

  /** The metric during one evaluation run. */
  interface Run extends AutoCloseable {
    /** The names of the steps, in order, for the report. */
    List<String> steps();

    /** Scores the images of {@code batch} it is meant for. */
    void score(Batch batch, Results out);

    @Override
    void close();
  }
}
