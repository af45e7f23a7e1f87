package org.gradcam4j.inspect.concepts;

import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.FolderPass;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.targets.Target;

/**
 * The gradient of one class's score with respect to a layer's activations, per image of a folder: the
 * direction in which the layer would have to change to raise the score. The gradient compiler appends
 * the backward pass from the score to the layer, so one run per batch gives it.
 */
public final class ClassGradients {
  private ClassGradients() {}

  /**
   * @param scoreTensor the tensor holding the class scores (usually the logits)
   * @param classIndex the class whose score is differentiated
   */
  public static LayerRows of(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing, String layer,
      String scoreTensor, int classIndex, int batchSize, BatchProgress progress) {
    return of(runtime, folder, preprocessing, layer, scoreTensor, classIndex, batchSize, false, progress);
  }

  /**
   * The same, summed over each channel's positions batch by batch when {@code channelSums} (the gradients
   * that go with {@linkplain LayerRows#perChannel channel-mean} activations).
   */
  public static LayerRows of(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing, String layer,
      String scoreTensor, int classIndex, int batchSize, boolean channelSums, BatchProgress progress) {
    GradientRequest request = GradientRequest.builder(scoreTensor).wrt(layer).keepModelOutputs(false).build();
    List<Target> target = List.of(Target.classIndex(classIndex));
    return LayerRows.collect(folder, layer, channelSums ? Boolean.FALSE : null, rows -> FolderPass.run(runtime, folder, preprocessing, batchSize, progress,
        input -> runtime.runGradients(input, request, target).gradients().get(layer), rows));
  }

  /**
   * The directional derivative of the class score along {@code direction}, per image: the dot product
   * of each gradient row with it.
   */
  public static double[] along(LayerRows gradients, float[] direction) {
    double[] out = new double[gradients.size()];
    for (int i = 0; i < out.length; i++) {
      float[] g = gradients.rows()[i];
      double s = 0;
      for (int j = 0; j < g.length; j++) {
        s += (double) g[j] * direction[j];
      }
      out[i] = s;
    }
    return out;
  }
}
