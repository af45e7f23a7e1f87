package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * Deconvnet (Zeiler and Fergus 2014): the gradient is rectified at every ReLU, whatever the forward
 * pass did there: the compiler's DECONVNET backward variant.
 */
public final class Deconvnet extends InputGradientMethod {
  @Override
  public String name() {
    return "deconvnet";
  }

  @Override
  BackwardVariant variant(MethodOptions options) {
    return variant(BackwardVariant.Mode.DECONVNET, options);
  }

  @Override
  float[] attribute(float[] gradient, float[] input, MethodOptions options) {
    return gradient;
  }
}
