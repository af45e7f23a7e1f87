package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * A layer's backward rule under layer-wise relevance propagation ({@link BackwardVariant.Mode#LRP});
 * under every other variant it is the layer's ordinary rule, unchanged.
 *
 * <p>LRP is computed as a modified gradient {@code g}, with relevance {@code R = tensor * g}. A layer
 * {@code z = layer(x; w)} redistributes {@code R_z = z * g_z} to its inputs as
 * {@code R_x = x * J'^T (R_z / stab(z'))}, where {@code J'} is the layer with modified weights
 * {@code w'} (see {@link LrpRules}), {@code z'} its output for the same input and
 * {@code stab(z') = z' + epsilon * sign(z')}. So {@code g_x} is the ordinary rule, for the weights
 * {@code w'}, applied to {@code g_z * z / stab(z')}: the epsilon rule costs one element-wise rescaling
 * of the incoming gradient, the gamma and z+ rules one more forward of the layer. Ops between layers
 * (Relu, reshapes) keep their ordinary rules, which pass relevance on unchanged.
 */
public final class LrpLayerRule implements BackwardRule {
  /** Which rule of the composite applies to a layer. */
  public enum Kind {
    /** Conv: {@link LrpRules#conv()}. */
    CONV,
    /** Gemm and MatMul: {@link LrpRules#linear()}. */
    LINEAR,
    /** Pooling, batch normalisation, additions: always the epsilon rule (they have no weights to modify). */
    OTHER
  }

  /** The input holding the weights that the gamma and z+ rules modify. */
  private static final int WEIGHTS = 1;

  private final BackwardRule ordinary;
  private final Kind kind;

  public LrpLayerRule(BackwardRule ordinary, Kind kind) {
    this.ordinary = ordinary;
    this.kind = kind;
  }

  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return ordinary.isDifferentiable(node, index);
  }

  @Override
  public void backward(BackwardContext ctx) {
    LrpRules rules = ctx.variant().lrp();
    if (rules == null || ctx.gradOutput(0) == null) {
      ordinary.backward(ctx);
      return;
    }
    LrpRules.Rule rule = switch (kind) {
      case CONV -> rules.conv();
      case LINEAR -> rules.linear();
      case OTHER -> LrpRules.Rule.EPSILON;
    };
    GraphBuilder b = ctx.emit();
    String z = ctx.output(0);
    if (rule == LrpRules.Rule.EPSILON) {
      ordinary.backward(ctx.modified(-1, null, relevanceRatio(ctx, z, z, rules.epsilon())));
      return;
    }
    String w = ctx.input(WEIGHTS);
    String positive = b.relu(w);
    String modifiedWeights = rule == LrpRules.Rule.ZPLUS
        ? positive
        : b.add(w, b.mul(positive, b.constScalar(rules.gamma())));
    String[] inputs = ctx.node().getInputList().toArray(String[]::new);
    inputs[WEIGHTS] = modifiedWeights;
    String modifiedOutput = b.node(ctx.node().getOpType()).inputs(inputs).attrsFrom(ctx.node()).output("lrp_z");
    ordinary.backward(ctx.modified(WEIGHTS, modifiedWeights, relevanceRatio(ctx, z, modifiedOutput, rules.epsilon())));
  }

  /**
   * {@code g * z / (z' + epsilon * sign(z'))}, sign(0) = 1 as in Captum; 0 where that denominator is 0
   * (only possible with epsilon = 0, where the relevance {@code z * g} is 0 as well).
   */
  private static String relevanceRatio(BackwardContext ctx, String z, String modifiedZ, float epsilon) {
    GraphBuilder b = ctx.emit();
    String g = ctx.gradOutput(0);
    String numerator = b.mul(g, z);
    if (epsilon == 0f) {
      String zero = b.op("Equal", modifiedZ, b.constScalar(0f));
      return b.where(zero, b.constScalar(0f), b.div(numerator, b.where(zero, b.constScalar(1f), modifiedZ)));
    }
    String negative = b.less(modifiedZ, b.constScalar(0f));
    String stabiliser = b.where(negative, b.constScalar(-epsilon), b.constScalar(epsilon));
    return b.div(numerator, b.add(modifiedZ, stabiliser));
  }
}
