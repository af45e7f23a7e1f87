package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * Layer-wise relevance propagation (Bach et al. 2015; Montavon et al. 2019, "Layer-Wise Relevance
 * Propagation: An Overview"): the score's relevance redistributed layer by layer down to the input,
 * computed as input x a modified gradient in one backward pass ({@link BackwardVariant.Mode#LRP}).
 * The rules are a composite chosen per layer kind ({@link MethodOptions#lrp()}): epsilon (the
 * default everywhere, as in Captum), gamma or z+ for convolutions and for linear layers.
 */
public final class Lrp extends InputGradientMethod {
  @Override
  public String name() {
    return "lrp";
  }

  @Override
  BackwardVariant variant(MethodOptions options) {
    return BackwardVariant.lrp(options.lrp());
  }

  @Override
  float[] attribute(float[] gradient, float[] input, MethodOptions options) {
    float[] relevance = new float[gradient.length];
    for (int i = 0; i < relevance.length; i++) {
      relevance[i] = gradient[i] * input[i];
    }
    return relevance;
  }
}
