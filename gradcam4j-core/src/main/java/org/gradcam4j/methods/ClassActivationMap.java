package org.gradcam4j.methods;

/**
 * CAM (Zhou et al. 2016, "Learning Deep Features for Discriminative Localization"): for a network
 * that ends in global average pooling and a linear classifier, the map of class {@code c} is
 * {@code sum_k W[c, k] A_k}, with the classifier weights {@code W} read from the graph (see
 * {@link GapClassifier}), rectified like the other CAMs. Other targets weigh the classes with their
 * seed; a top-1 target explains the class the image scores highest. When the layer is pooled straight
 * into the scores (SqueezeNet's {@code conv10_2}), the map of class {@code c} is channel {@code c}.
 * Any other network gets an error that says why and suggests Grad-CAM, which on these networks gives
 * the same map divided by {@code h * w}.
 */
public final class ClassActivationMap extends ChannelWeightedCam {
  @Override
  public String name() {
    return "cam";
  }

  @Override
  float[][] weights(MethodContext ctx, String layer, LayerForward forward) {
    GapClassifier classifier = GapClassifier.find(ctx.model().graph(), ctx.shapes(), layer, ctx.scoreTensor());
    int channels = (int) forward.activations().get(layer).dim(1);
    float[][] w = new float[ctx.size()][];
    for (int i = 0; i < ctx.size(); i++) {
      w[i] = classifier.channelWeights(ctx.seedVector(i, forward.scores(i)), channels);
    }
    return w;
  }
}
