package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * Vanilla gradient saliency (Simonyan et al. 2014): the gradient of the score with respect to every
 * input value, as |gradient| by default (like Captum's {@code Saliency(abs=True)}) or signed.
 */
public final class Saliency extends InputGradientMethod {
  @Override
  public String name() {
    return "saliency";
  }

  @Override
  BackwardVariant variant(MethodOptions options) {
    return BackwardVariant.STANDARD;
  }

  @Override
  float[] attribute(float[] gradient, float[] input, MethodOptions options) {
    if (!options.absoluteSaliency()) {
      return gradient;
    }
    float[] a = new float[gradient.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.abs(gradient[i]);
    }
    return a;
  }
}
