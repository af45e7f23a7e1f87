package org.gradcam4j.methods;

import java.util.List;
import java.util.Objects;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * The explanation of one image by one method.
 *
 * @param method method name, e.g. "gradcam"
 * @param target what was explained
 * @param targetClass the class explained (the arg-max for a top-1 target), or -1 for other functionals
 * @param targetScore the score tensor's value for that class; for other functionals their value
 *     ({@link Target#value})
 * @param layer the target layer (a tensor name), or {@code null} for methods without one
 * @param scoreTensor the explained tensor
 * @param scores the image's scores (the explained tensor, flattened)
 * @param predictions the image's first model output, flattened (probabilities for a model ending in
 *     Softmax, else equal to the scores)
 * @param payload the map itself: at layer resolution, per input value, or at input resolution
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
    Payload payload) {

  public Explanation {
    Objects.requireNonNull(payload, "payload");
  }

  /** The map of an explanation: exactly one of three kinds, matching {@link ExplanationMethod.Kind}. */
  public sealed interface Payload permits LayerMap, PixelAttribution, InputMap {}

  /**
   * Layer methods: the map at layer resolution [h, w], before any normalisation.
   *
   * @param channelWeights channel-weighting CAM methods: the weight of each channel; else {@code null}
   */
  public record LayerMap(FloatTensor map, float[] channelWeights) implements Payload {
    public LayerMap(FloatTensor map) {
      this(map, null);
    }
  }

  /** Pixel methods: the attribution of every input value [C, H, W]. */
  public record PixelAttribution(FloatTensor attribution) implements Payload {}

  /** Input-resolution methods: the map [H, W], before any normalisation. */
  public record InputMap(FloatTensor map) implements Payload {}

  /** The map at layer resolution [h, w] of a layer method, else {@code null}. */
  public FloatTensor lowRes() {
    return payload instanceof LayerMap m ? m.map() : null;
  }

  /** The channel weights of a channel-weighting CAM method at one layer, else {@code null}. */
  public float[] channelWeights() {
    return payload instanceof LayerMap m ? m.channelWeights() : null;
  }

  /** The per-value attribution [C, H, W] of a pixel method, else {@code null}. */
  public FloatTensor attribution() {
    return payload instanceof PixelAttribution p ? p.attribution() : null;
  }

  /** The map at input resolution [H, W] of an input-resolution method, else {@code null}. */
  public FloatTensor inputMap() {
    return payload instanceof InputMap m ? m.map() : null;
  }

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
    if (payload instanceof LayerMap layerMap) {
      FloatTensor lowRes = layerMap.map();
      return MapOps.scaleCam(lowRes.data(), (int) lowRes.dim(0), (int) lowRes.dim(1), height, width);
    }
    float[] map;
    int h;
    int w;
    if (payload instanceof PixelAttribution pixels) {
      FloatTensor attribution = pixels.attribution();
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
      FloatTensor inputMap = ((InputMap) payload).map();
      h = (int) inputMap.dim(0);
      w = (int) inputMap.dim(1);
      map = inputMap.data().clone();
    }
    return h == height && w == width ? MapOps.normalize(map) : MapOps.scaleCam(map, h, w, height, width);
  }

  /** A copy with another method name (for variants such as counterfactual maps). */
  public Explanation withMethod(String name) {
    return new Explanation(name, target, targetClass, targetScore, layer, scoreTensor, scores, predictions, payload);
  }
}
