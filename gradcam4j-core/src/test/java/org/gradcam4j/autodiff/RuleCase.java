package org.gradcam4j.autodiff;

import java.util.function.BiFunction;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;

/**
 * One finite-difference check of a backward rule: the op it is about, a small model in which that
 * op lies on the path from the input to the output "y", and the input to check at. Cases are data
 * so that {@link RuleCoverageTest} can run all of them again with the op's rule broken and show
 * that each one would catch it.
 */
final class RuleCase {
  /** Opset of the models built here unless a case asks for another. */
  static final long OPSET = 17;

  private final String op;
  private final String name;
  private final ModelProto model;
  private final FloatTensor input;
  private String weight;

  private RuleCase(String op, String name, ModelProto model, FloatTensor input) {
    this.op = op;
    this.name = name;
    this.model = model;
    this.input = input;
  }

  /** A model whose input "x" has the shape of {@code x} with a symbolic batch dimension. */
  static RuleCase of(String op, String name, FloatTensor x, BiFunction<GraphBuilder, String, String> body) {
    return of(op, name, OPSET, x, body);
  }

  /** As {@link #of(String, String, FloatTensor, BiFunction)}, built in an older or newer opset. */
  static RuleCase of(String op, String name, long opset, FloatTensor x,
      BiFunction<GraphBuilder, String, String> body) {
    return new RuleCase(op, name, Models.single(opset, x.shape(), body), x);
  }

  /**
   * A model whose input has exactly the shape of {@code x}, batch included, for graphs that only
   * work at one batch size (a Concat with a constant, for instance).
   */
  static RuleCase fixedBatch(String op, String name, FloatTensor x, BiFunction<GraphBuilder, String, String> body) {
    GraphBuilder b = new GraphBuilder("test", OPSET);
    Object[] dims = new Object[x.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = x.shape()[i];
    }
    String in = b.input("x", DataType.FLOAT, dims);
    b.identityNamed(body.apply(b, in), "y");
    b.output("y", DataType.FLOAT);
    return new RuleCase(op, name, b.buildModel(), x);
  }

  /** Checks the gradient with respect to this initializer (a weight) instead of the input. */
  RuleCase weight(String initializer) {
    this.weight = initializer;
    return this;
  }

  String op() {
    return op;
  }

  /** Runs the check with the given rules; throws {@link AssertionError} on a mismatch. */
  GradientCheck.Result verify(RuleRegistry rules) {
    GradientCheck check = GradientCheck.of(model, "x", "y").rules(rules);
    return weight == null ? check.verify(input) : check.verifyInitializer(input, weight);
  }

  void verify() {
    verify(RuleRegistry.standard());
  }

  @Override
  public String toString() {
    return op + ": " + name + (weight == null ? "" : " (gradient of " + weight + ")");
  }
}
