package org.gradcam4j.inspect;

import java.util.Arrays;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * A 4-D tensor [N, C, H, W] of a model, chosen by tensor or node name, for views that show its
 * channels. Resolving it checks what the views need and says what is wrong otherwise.
 */
public record LayerTensor(String name, int channels, int height, int width, long[] inputShape) {
  /**
   * Resolves {@code layer} (a tensor or node name; the model's default explained layer for {@code null})
   * for images of {@code imageShape} [N, 3, H, W] (N becomes the batch size the model fixes, if any); it
   * must be 4-D.
   */
  public static LayerTensor resolve(ModelRuntime runtime, String layer, long[] imageShape) {
    long[] inputShape = imageShape.clone();
    if (runtime.fixedBatchSize() > 0) {
      inputShape[0] = runtime.fixedBatchSize();
    }
    String tensor = runtime.resolveLayer(layer, inputShape, null);
    TensorShape shape = runtime.shapes(inputShape).shape(tensor);
    if (shape.rank() != 4) {
      throw new GradCamException("Layer '" + tensor + "' has shape " + Arrays.toString(shape.dims()) + ", not 4-D"
          + " [N, C, H, W]: pick a convolutional layer (a feature map with channels, height and width)");
    }
    return new LayerTensor(tensor, (int) shape.dim(1), (int) shape.dim(2), (int) shape.dim(3), inputShape.clone());
  }

  /** Checks user-given channel indices, naming the first one out of range. */
  public List<Integer> checkChannels(List<Integer> wanted) {
    if (wanted.isEmpty()) {
      throw new GradCamException("No channels given for layer '" + name + "'");
    }
    for (int c : wanted) {
      if (c < 0 || c >= channels) {
        throw new GradCamException("Channel " + c + " is out of range: layer '" + name + "' has " + channels
            + " channels (0-" + (channels - 1) + ")");
      }
    }
    return List.copyOf(wanted);
  }
}
