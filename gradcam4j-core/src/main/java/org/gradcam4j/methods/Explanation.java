package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * The explanation of one image by one method.
 *
 * @param method method name, e.g. "gradcam"
 * @param target what was explained
 * @param targetClass the class explained (the arg-max for a top-1 target), or -1 for other functionals
 * @param targetScore the score tensor's value for that class
 * @param layer the target layer (a tensor name), or {@code null} for methods without one
 * @param scoreTensor the explained tensor
 * @param scores the image's scores (the explained tensor, flattened)
 * @param predictions the image's first model output, flattened (probabilities for a model ending in
 *     Softmax, else equal to the scores)
 * @param lowRes layer methods: the map at layer resolution [h, w], before any normalisation
 * @param channelWeights channel-weighting CAM methods: the weight of each channel
 * @param attribution pixel methods: the attribution of every input value [C, H, W]
 * @param inputMap input-resolution methods: the map [H, W], before any normalisation
 */
public record Explanation(
    String method,
    Target target,
    int targetClass,
    float targetScore,
    String layer,
    String scoreTensor,
    float[] scores,
    float[] predictions,
    FloatTensor lowRes,
    float[] channelWeights,
    FloatTensor attribution,
    FloatTensor inputMap) {

  /** The five highest model outputs. */
  public List<ClassScore> top5() {
    return ClassScore.top(predictions, 5);
  }

  /**
   * The map to show over the image, at {@code height x width}, scaled to [0, 1]: a layer map is
   * normalised, resized bilinearly and normalised again (as pytorch-grad-cam does); a pixel
   * attribution is summed over channels after taking absolute values; an input-resolution map is
   * normalised.
   */
  public float[] displayMap(int height, int width) {
    if (lowRes != null) {
      return MapOps.scaleCam(lowRes.data(), (int) lowRes.dim(0), (int) lowRes.dim(1), height, width);
    }
    float[] map;
    int h;
    int w;
    if (attribution != null) {
      h = (int) attribution.dim(-2);
      w = (int) attribution.dim(-1);
      int plane = h * w;
      int channels = attribution.data().length / plane;
      map = new float[plane];
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < plane; i++) {
          map[i] += Math.abs(attribution.data()[c * plane + i]);
        }
      }
    } else {
      h = (int) inputMap.dim(0);
      w = (int) inputMap.dim(1);
      map = inputMap.data().clone();
    }
    return h == height && w == width ? MapOps.normalize(map) : MapOps.scaleCam(map, h, w, height, width);
  }

  /** A copy with another method name (for variants such as counterfactual maps). */
  public Explanation withMethod(String name) {
    return new Explanation(name, target, targetClass, targetScore, layer, scoreTensor, scores, predictions, lowRes,
        channelWeights, attribution, inputMap);
  }
}
