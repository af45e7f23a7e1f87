package org.gradcam4j.autodiff.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.onnx.Attrs;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * Everything a {@link BackwardRule} may use while emitting the backward of one node: the node and
 * its attributes, the forward tensors and their shapes, the gradients of its outputs, and a
 * {@link GraphBuilder} to emit new nodes with.
 */
public final class BackwardContext {
  /** Receives the gradient contributions a rule reports. */
  public interface GradientSink {
    void add(String tensor, String gradient);
  }

  private final NodeProto node;
  private final GraphView graph;
  private final ShapeTable shapes;
  private final GraphBuilder emit;
  private final BackwardVariant variant;
  private final String[] outputGradients;
  private final boolean[] needs;
  private final GradientSink sink;
  private final ShapeCache shapeCache;
  /** Shapes of tensors a rule substituted for the node's own (see {@link #modified}). */
  private final java.util.Map<String, TensorShape> substituteShapes;

  /**
   * Shape nodes are shared between rules, so each forward tensor's Shape is computed once; the
   * compiler makes one per compiled graph.
   */
  public static final class ShapeCache {
    private final java.util.Map<String, String> shapeOf = new java.util.HashMap<>();
  }

  /** Made by the gradient compiler for each node it differentiates; rules only receive it. */
  public BackwardContext(NodeProto node, GraphView graph, ShapeTable shapes, GraphBuilder emit,
      BackwardVariant variant, String[] outputGradients, boolean[] needs, GradientSink sink,
      ShapeCache shapeCache) {
    this.node = node;
    this.graph = graph;
    this.shapes = shapes;
    this.emit = emit;
    this.variant = variant;
    this.outputGradients = outputGradients;
    this.needs = needs;
    this.sink = sink;
    this.shapeCache = shapeCache;
    this.substituteShapes = java.util.Map.of();
  }

  private BackwardContext(BackwardContext base, NodeProto node, String[] outputGradients, boolean[] needs,
      java.util.Map<String, TensorShape> substituteShapes) {
    this.node = node;
    this.graph = base.graph;
    this.shapes = base.shapes;
    this.emit = base.emit;
    this.variant = base.variant;
    this.outputGradients = outputGradients;
    this.needs = needs;
    this.sink = base.sink;
    this.shapeCache = base.shapeCache;
    this.substituteShapes = substituteShapes;
  }

  /**
   * This node's backward as another rule sees it: input {@code substituted} replaced by the tensor
   * {@code replacement} of the same shape (or left alone when {@code substituted < 0}), output 0's
   * gradient replaced by {@code outputGradient}, and no gradient wanted for the substitute. LRP uses it to
   * run a layer's ordinary rule with modified weights on the rescaled relevance.
   */
  BackwardContext modified(int substituted, String replacement, String outputGradient) {
    NodeProto.Builder copy = node.toBuilder();
    java.util.Map<String, TensorShape> extra = java.util.Map.of();
    if (substituted >= 0) {
      copy.setInput(substituted, replacement);
      extra = java.util.Map.of(replacement, shape(input(substituted)));
    }
    String[] grads = outputGradients.clone();
    grads[0] = outputGradient;
    boolean[] wanted = needs.clone();
    if (substituted >= 0 && substituted < wanted.length) {
      wanted[substituted] = false;
    }
    return new BackwardContext(this, copy.build(), grads, wanted, extra);
  }

  public NodeProto node() {
    return node;
  }

  /** The node as named in messages, e.g. "node 'conv1' (Conv)". */
  public String describe() {
    return GraphView.describe(node);
  }

  public GraphBuilder emit() {
    return emit;
  }

  public BackwardVariant variant() {
    return variant;
  }

  // ---------------------------------------------------------------- tensors

  public int inputCount() {
    return node.getInputCount();
  }

  /** Name of input {@code i}, or "" when it is absent (omitted optional input). */
  public String input(int i) {
    return i < node.getInputCount() ? node.getInput(i) : "";
  }

  public boolean hasInput(int i) {
    return !input(i).isEmpty();
  }

  public String output(int j) {
    return node.getOutput(j);
  }

  /** Gradient of output {@code j}, or {@code null} when no gradient reaches that output. */
  public String gradOutput(int j) {
    return j < outputGradients.length ? outputGradients[j] : null;
  }

  /** Gradient of output {@code j}, or zeros of its shape when none reaches it. */
  public String gradOutputOrZeros(int j) {
    String g = gradOutput(j);
    return g != null ? g : zerosLike(output(j));
  }

  /** True when the compiler wants the gradient of input {@code i}. */
  public boolean needsGradient(int i) {
    return i < needs.length && needs[i];
  }

  /** Reports (a contribution to) the gradient of input {@code i}; contributions are summed. */
  public void addGradient(int i, String gradient) {
    if (!needsGradient(i)) {
      throw new IllegalStateException(describe() + ": input " + i + " does not need a gradient");
    }
    sink.add(input(i), gradient);
  }

  public TensorShape shape(String tensor) {
    TensorShape substitute = substituteShapes.get(tensor);
    return substitute != null ? substitute : shapes.shape(tensor);
  }

  public int rank(String tensor) {
    return shape(tensor).rank();
  }

  /** Shape of a forward tensor as a run-time int64 tensor (one Shape node per tensor). */
  public String runtimeShape(String tensor) {
    return shapeCache.shapeOf.computeIfAbsent(tensor, emit::shape);
  }

  /**
   * A 1-D int64 tensor holding the shape of {@code tensor}: a constant when the shape is static,
   * else computed at run time.
   */
  public String shapeTensor(String tensor) {
    TensorShape s = shape(tensor);
    return s.hasBatchDims() ? runtimeShape(tensor) : emit.constInts(s.dims());
  }

  // ---------------------------------------------------------------- attributes and constants

  public long attrInt(String name, long defaultValue) {
    return Attrs.getInt(node, name, defaultValue);
  }

  public float attrFloat(String name, float defaultValue) {
    return Attrs.getFloat(node, name, defaultValue);
  }

  public String attrString(String name, String defaultValue) {
    return Attrs.getString(node, name, defaultValue);
  }

  public long[] attrInts(String name, long[] defaultValue) {
    return Attrs.getInts(node, name, defaultValue);
  }

  /** The value of a tensor known at compile time (initializer or Constant output), if any. */
  public Optional<TensorProto> constant(String tensor) {
    return graph.constantValue(tensor);
  }

  /** The integer values of input {@code i}, which must be a constant; {@code what} names it in errors. */
  public long[] constantInts(int i, String what) {
    return constant(input(i)).map(Tensors::toLongs)
        .orElseThrow(() -> unsupported("its " + what + " input ('" + input(i)
            + "') is computed at run time; the backward rule needs it as a constant"));
  }

  public float[] constantFloats(int i, String what) {
    return constant(input(i)).map(Tensors::toFloats)
        .orElseThrow(() -> unsupported("its " + what + " input ('" + input(i)
            + "') is computed at run time; the backward rule needs it as a constant"));
  }

  public UnsupportedBackwardException unsupported(String why) {
    return new UnsupportedBackwardException("Cannot differentiate through " + describe() + ": " + why);
  }

  // ---------------------------------------------------------------- shared helpers

  /**
   * Sums a gradient that has the (broadcast) shape of {@code gradShape} down to the shape of
   * {@code input}, undoing NumPy-style broadcasting.
   */
  public String unbroadcast(String grad, TensorShape gradShape, String input) {
    TensorShape in = shape(input);
    int offset = gradShape.rank() - in.rank();
    List<Long> axes = new ArrayList<>();
    for (int k = 0; k < gradShape.rank(); k++) {
      if (k < offset) {
        axes.add((long) k);
      } else {
        long di = in.dim(k - offset);
        long dg = gradShape.dim(k);
        if (di == 1 && dg != 1) {
          axes.add((long) k);
        }
      }
    }
    if (axes.isEmpty()) {
      return grad;
    }
    long[] ax = axes.stream().mapToLong(Long::longValue).toArray();
    String reduced = emit.reduceSum(grad, ax, true);
    if (offset == 0) {
      return reduced;
    }
    return emit.reshape(reduced, shapeTensor(input));
  }

  /** Zeros with the shape of the forward tensor {@code like}. */
  public String zerosLike(String like) {
    return emit.node("ConstantOfShape").inputs(shapeTensor(like))
        .attr("value", Tensors.floats("", new long[] {1}, new float[] {0f})).output();
  }
}
