package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.BackwardVariant;

/** Gradient x input (Shrikumar et al. 2016; Captum's {@code InputXGradient}). */
public final class GradientTimesInput extends InputGradientMethod {
  @Override
  public String name() {
    return "gradxinput";
  }

  @Override
  BackwardVariant variant(MethodOptions options) {
    return BackwardVariant.STANDARD;
  }

  @Override
  float[] attribute(float[] gradient, float[] input, MethodOptions options) {
    float[] a = new float[gradient.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = gradient[i] * input[i];
    }
    return a;
  }
}
