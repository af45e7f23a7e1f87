package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * Guided backpropagation (Springenberg et al. 2015): only positive gradients pass back through ReLUs,
 * and only where the forward input was positive. It is the compiler's GUIDED backward variant; by
 * default it also applies to ReLU6-style Clip nodes (which MobileNets use instead of Relu), unless
 * {@link MethodOptions#reluOnly()} asks for Captum's Relu-only behaviour.
 */
public final class GuidedBackprop extends InputGradientMethod {
  @Override
  public String name() {
    return "guided-backprop";
  }

  @Override
  BackwardVariant variant(MethodOptions options) {
    return variant(BackwardVariant.Mode.GUIDED, options);
  }

  @Override
  float[] attribute(float[] gradient, float[] input, MethodOptions options) {
    return gradient;
  }
}
