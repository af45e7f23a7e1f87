package org.gradcam4j.autodiff;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.autodiff.rules.AbsRule;
import org.gradcam4j.autodiff.rules.AddRule;
import org.gradcam4j.autodiff.rules.AveragePoolRule;
import org.gradcam4j.autodiff.rules.BackwardRule;
import org.gradcam4j.autodiff.rules.BatchNormalizationRule;
import org.gradcam4j.autodiff.rules.CastRule;
import org.gradcam4j.autodiff.rules.ClipRule;
import org.gradcam4j.autodiff.rules.ConcatRule;
import org.gradcam4j.autodiff.rules.ConvRule;
import org.gradcam4j.autodiff.rules.ConvTransposeRule;
import org.gradcam4j.autodiff.rules.DivRule;
import org.gradcam4j.autodiff.rules.ElementwiseExtremumRule;
import org.gradcam4j.autodiff.rules.EluRule;
import org.gradcam4j.autodiff.rules.ErfRule;
import org.gradcam4j.autodiff.rules.ExpRule;
import org.gradcam4j.autodiff.rules.ExpandRule;
import org.gradcam4j.autodiff.rules.GatherRule;
import org.gradcam4j.autodiff.rules.GeluRule;
import org.gradcam4j.autodiff.rules.GemmRule;
import org.gradcam4j.autodiff.rules.GlobalAveragePoolRule;
import org.gradcam4j.autodiff.rules.GlobalMaxPoolRule;
import org.gradcam4j.autodiff.rules.HardSigmoidRule;
import org.gradcam4j.autodiff.rules.HardSwishRule;
import org.gradcam4j.autodiff.rules.IdentityRule;
import org.gradcam4j.autodiff.rules.LayerNormalizationRule;
import org.gradcam4j.autodiff.rules.LeakyReluRule;
import org.gradcam4j.autodiff.rules.LogRule;
import org.gradcam4j.autodiff.rules.LogSoftmaxRule;
import org.gradcam4j.autodiff.rules.LrnRule;
import org.gradcam4j.autodiff.rules.LrpLayerRule;
import org.gradcam4j.autodiff.rules.MatMulRule;
import org.gradcam4j.autodiff.rules.MaxPoolRule;
import org.gradcam4j.autodiff.rules.MeanRule;
import org.gradcam4j.autodiff.rules.MulRule;
import org.gradcam4j.autodiff.rules.NegRule;
import org.gradcam4j.autodiff.rules.PReluRule;
import org.gradcam4j.autodiff.rules.PadRule;
import org.gradcam4j.autodiff.rules.PowRule;
import org.gradcam4j.autodiff.rules.ReciprocalRule;
import org.gradcam4j.autodiff.rules.ReduceMaxRule;
import org.gradcam4j.autodiff.rules.ReduceMeanRule;
import org.gradcam4j.autodiff.rules.ReduceSumRule;
import org.gradcam4j.autodiff.rules.ReluRule;
import org.gradcam4j.autodiff.rules.ReshapeRule;
import org.gradcam4j.autodiff.rules.ResizeRule;
import org.gradcam4j.autodiff.rules.SigmoidRule;
import org.gradcam4j.autodiff.rules.SliceRule;
import org.gradcam4j.autodiff.rules.SoftmaxRule;
import org.gradcam4j.autodiff.rules.SoftplusRule;
import org.gradcam4j.autodiff.rules.SplitRule;
import org.gradcam4j.autodiff.rules.SqrtRule;
import org.gradcam4j.autodiff.rules.SubRule;
import org.gradcam4j.autodiff.rules.SumRule;
import org.gradcam4j.autodiff.rules.TanhRule;
import org.gradcam4j.autodiff.rules.TileRule;
import org.gradcam4j.autodiff.rules.TransposeRule;
import org.gradcam4j.autodiff.rules.WhereRule;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Backward rules by op type (default ONNX domain). {@link #standard()} holds every rule gradcam4j
 * ships (the layers LRP redistributes relevance over wrapped in {@link LrpLayerRule}); {@link #with} adds or replaces one, for ops a user's model needs.
 */
public final class RuleRegistry {
  private final Map<String, BackwardRule> rules;

  private RuleRegistry(Map<String, BackwardRule> rules) {
    this.rules = Collections.unmodifiableMap(rules);
  }

  public static RuleRegistry standard() {
    Map<String, BackwardRule> m = new HashMap<>();
    m.put("Conv", new LrpLayerRule(new ConvRule(), LrpLayerRule.Kind.CONV));
    m.put("Relu", new ReluRule());
    m.put("LeakyRelu", new LeakyReluRule());
    m.put("PRelu", new PReluRule());
    m.put("Elu", new EluRule());
    m.put("Clip", new ClipRule());
    m.put("Sigmoid", new SigmoidRule());
    m.put("Tanh", new TanhRule());
    m.put("HardSigmoid", new HardSigmoidRule());
    m.put("HardSwish", new HardSwishRule());
    m.put("Add", new LrpLayerRule(new AddRule(), LrpLayerRule.Kind.OTHER));
    m.put("Sub", new SubRule());
    m.put("Mul", new MulRule());
    m.put("Div", new DivRule());
    m.put("Neg", new NegRule());
    m.put("Sum", new SumRule());
    m.put("BatchNormalization", new LrpLayerRule(new BatchNormalizationRule(), LrpLayerRule.Kind.OTHER));
    m.put("MaxPool", new LrpLayerRule(new MaxPoolRule(), LrpLayerRule.Kind.OTHER));
    m.put("AveragePool", new LrpLayerRule(new AveragePoolRule(), LrpLayerRule.Kind.OTHER));
    m.put("GlobalAveragePool", new LrpLayerRule(new GlobalAveragePoolRule(), LrpLayerRule.Kind.OTHER));
    m.put("GlobalMaxPool", new GlobalMaxPoolRule());
    ReshapeRule reshape = new ReshapeRule();
    m.put("Flatten", reshape);
    m.put("Reshape", reshape);
    m.put("Squeeze", reshape);
    m.put("Unsqueeze", reshape);
    m.put("Transpose", new TransposeRule());
    m.put("Concat", new ConcatRule());
    m.put("Split", new SplitRule());
    m.put("Slice", new SliceRule());
    m.put("Pad", new PadRule());
    m.put("Expand", new ExpandRule());
    m.put("Gemm", new LrpLayerRule(new GemmRule(), LrpLayerRule.Kind.LINEAR));
    m.put("MatMul", new LrpLayerRule(new MatMulRule(), LrpLayerRule.Kind.LINEAR));
    IdentityRule identity = new IdentityRule();
    m.put("Identity", identity);
    m.put("Dropout", identity);
    m.put("Cast", new CastRule());
    m.put("Softmax", new SoftmaxRule());
    m.put("LogSoftmax", new LogSoftmaxRule());
    m.put("LRN", new LrnRule());
    m.put("ReduceMean", new ReduceMeanRule());
    m.put("ReduceSum", new ReduceSumRule());
    m.put("Resize", new ResizeRule());
    m.put("ConvTranspose", new ConvTransposeRule());
    m.put("Exp", new ExpRule());
    m.put("Log", new LogRule());
    m.put("Sqrt", new SqrtRule());
    m.put("Pow", new PowRule());
    m.put("Abs", new AbsRule());
    m.put("Reciprocal", new ReciprocalRule());
    ElementwiseExtremumRule extremum = new ElementwiseExtremumRule();
    m.put("Max", extremum);
    m.put("Min", extremum);
    m.put("Erf", new ErfRule());
    m.put("Softplus", new SoftplusRule());
    m.put("Mean", new MeanRule());
    m.put("Where", new WhereRule());
    m.put("ReduceMax", new ReduceMaxRule());
    m.put("Gather", new GatherRule());
    m.put("Tile", new TileRule());
    m.put("LayerNormalization", new LayerNormalizationRule());
    m.put("Gelu", new GeluRule());
    return new RuleRegistry(m);
  }

  /** A registry with {@code rule} registered for {@code opType} (replacing any existing rule). */
  public RuleRegistry with(String opType, BackwardRule rule) {
    Map<String, BackwardRule> m = new HashMap<>(rules);
    m.put(opType, rule);
    return new RuleRegistry(m);
  }

  public Optional<BackwardRule> find(NodeProto node) {
    String domain = node.getDomain();
    if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
      return Optional.empty();
    }
    return Optional.ofNullable(rules.get(node.getOpType()));
  }

  public Set<String> supportedOps() {
    return rules.keySet();
  }
}
