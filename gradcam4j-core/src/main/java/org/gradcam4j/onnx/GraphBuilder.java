package org.gradcam4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.AttributeProto;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.OperatorSetIdProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.TensorShapeProto;
import org.gradcam4j.onnx.proto.Onnx.TypeProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Builds ONNX graphs node by node: used to write new models (tests, synthetic models) and, by the
 * gradient compiler, to append nodes to an existing graph. Tensor and node names it invents are
 * unique within the graph.
 *
 * <p>Shortcut methods ({@link #add}, {@link #mul}, ...) cover the ops used most; anything else goes
 * through {@link #node(String)}.
 */
public final class GraphBuilder {
  private final GraphProto.Builder graph;
  private final long opset;
  private final Set<String> usedNames = new HashSet<>();
  private final Map<String, String> constantCache = new HashMap<>();
  private String prefix = "";
  private int counter;

  /** Starts an empty graph for the given default-domain opset. */
  public GraphBuilder(String name, long opset) {
    this.graph = GraphProto.newBuilder().setName(name);
    this.opset = opset;
  }

  /** Continues an existing graph; new names avoid every name it already uses. */
  public GraphBuilder(GraphProto existing, long opset) {
    this.graph = existing.toBuilder();
    this.opset = opset;
    existing.getInputList().forEach(v -> usedNames.add(v.getName()));
    existing.getOutputList().forEach(v -> usedNames.add(v.getName()));
    existing.getInitializerList().forEach(t -> usedNames.add(t.getName()));
    for (NodeProto n : existing.getNodeList()) {
      usedNames.addAll(n.getOutputList());
      usedNames.add(n.getName());
    }
  }

  public long opset() {
    return opset;
  }

  /** Prefix for names invented from now on (for readable graphs), e.g. "grad/conv1/". */
  public void setNamePrefix(String prefix) {
    this.prefix = prefix;
  }

  /** A name not used yet in the graph, derived from {@code hint}. */
  public String freshName(String hint) {
    String base = prefix + hint;
    String name = base;
    while (usedNames.contains(name)) {
      name = base + "_" + (++counter);
    }
    usedNames.add(name);
    return name;
  }

  /** Reserves a name chosen by the caller; fails if it is taken. */
  public String reserve(String name) {
    if (!usedNames.add(name)) {
      throw new IllegalArgumentException("tensor name '" + name + "' is already used in the graph");
    }
    return name;
  }

  public boolean isUsed(String name) {
    return usedNames.contains(name);
  }

  // ---------------------------------------------------------------- graph inputs, outputs, data

  /** Adds a graph input. Each dim is a Long/Integer (fixed) or a String (symbolic). */
  public String input(String name, DataType type, Object... dims) {
    reserve(name);
    graph.addInput(valueInfo(name, type, dims));
    return name;
  }

  public GraphBuilder output(String name, DataType type, Object... dims) {
    graph.addOutput(valueInfo(name, type, dims));
    return this;
  }

  /** Adds a graph output without shape (element type only). */
  public GraphBuilder output(String name, DataType type) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.code()))));
    return this;
  }

  public GraphBuilder output(ValueInfoProto info) {
    graph.addOutput(info);
    return this;
  }

  public String initializer(String name, long[] dims, float[] values) {
    reserve(name);
    graph.addInitializer(Tensors.floats(name, dims, values));
    return name;
  }

  public String initializer(TensorProto tensor) {
    reserve(tensor.getName());
    graph.addInitializer(tensor);
    return tensor.getName();
  }

  /** An int64 constant (1-D, or scalar when {@code scalar}); identical constants are shared. */
  public String constInts(long... values) {
    return cachedConstant("i64:" + java.util.Arrays.toString(values),
        n -> Tensors.int64s(n, new long[] {values.length}, values), "const_i64");
  }

  public String constScalarInt(long value) {
    return cachedConstant("i64s:" + value, n -> Tensors.int64s(n, new long[0], new long[] {value}), "const_i64");
  }

  /** A float32 scalar constant; identical constants are shared. */
  public String constScalar(float value) {
    return cachedConstant("f32s:" + Float.floatToIntBits(value),
        n -> Tensors.floats(n, new long[0], new float[] {value}), "const_f32");
  }

  public String constFloats(long[] dims, float[] values) {
    String name = freshName("const_f32");
    graph.addInitializer(Tensors.floats(name, dims, values));
    return name;
  }

  private String cachedConstant(String key, java.util.function.Function<String, TensorProto> make, String hint) {
    String existing = constantCache.get(key);
    if (existing != null) {
      return existing;
    }
    String saved = prefix;
    prefix = "";
    String name = freshName(hint);
    prefix = saved;
    graph.addInitializer(make.apply(name));
    constantCache.put(key, name);
    return name;
  }

  public static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String s) {
        db.setDimParam(s);
      } else {
        db.setDimValue(((Number) d).longValue());
      }
      shape.addDim(db);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(type.code()).setShape(shape)))
        .build();
  }

  // ---------------------------------------------------------------- nodes

  /** Starts a node of the default domain. */
  public NodeSpec node(String opType) {
    return new NodeSpec(opType);
  }

  /** Appends an existing node unchanged (its names must already be unique). */
  public void addNode(NodeProto node) {
    usedNames.addAll(node.getOutputList());
    graph.addNode(node);
  }

  /** A node being described; {@link #output()} or {@link #outputs(int)} adds it to the graph. */
  public final class NodeSpec {
    private final NodeProto.Builder node;

    private NodeSpec(String opType) {
      node = NodeProto.newBuilder().setOpType(opType);
    }

    public NodeSpec domain(String domain) {
      node.setDomain(domain);
      return this;
    }

    /** Inputs in order; an empty string or {@code null} marks an omitted optional input. */
    public NodeSpec inputs(String... names) {
      for (String n : names) {
        node.addInput(n == null ? "" : n);
      }
      return this;
    }

    public NodeSpec attr(String name, long value) {
      node.addAttribute(Attrs.ofInt(name, value));
      return this;
    }

    public NodeSpec attr(String name, float value) {
      node.addAttribute(Attrs.ofFloat(name, value));
      return this;
    }

    public NodeSpec attr(String name, String value) {
      node.addAttribute(Attrs.ofString(name, value));
      return this;
    }

    public NodeSpec attrInts(String name, long... values) {
      node.addAttribute(Attrs.ofInts(name, values));
      return this;
    }

    public NodeSpec attrFloats(String name, float... values) {
      node.addAttribute(Attrs.ofFloats(name, values));
      return this;
    }

    public NodeSpec attr(String name, TensorProto value) {
      node.addAttribute(Attrs.ofTensor(name, value));
      return this;
    }

    public NodeSpec attr(AttributeProto a) {
      node.addAttribute(a);
      return this;
    }

    /** Copies all attributes of another node (e.g. a forward node re-emitted with more outputs). */
    public NodeSpec attrsFrom(NodeProto other) {
      node.addAllAttribute(other.getAttributeList());
      return this;
    }

    /** Adds the node with one output named after its op; returns the output name. */
    public String output() {
      return outputs(1)[0];
    }

    /** Adds the node with one output whose name is derived from {@code hint}. */
    public String output(String hint) {
      String name = freshName(hint);
      node.addOutput(name);
      finish();
      return name;
    }

    /** Adds the node with one output of exactly the given name, which must be unused. */
    public String outputNamed(String name) {
      reserve(name);
      node.addOutput(name);
      finish();
      return name;
    }

    public String[] outputs(int count) {
      String[] outs = new String[count];
      for (int i = 0; i < count; i++) {
        outs[i] = freshName(node.getOpType() + (count > 1 ? "_out" + i : ""));
        node.addOutput(outs[i]);
      }
      finish();
      return outs;
    }

    private void finish() {
      node.setName(freshName(node.getOpType() + "_node"));
      graph.addNode(node.build());
    }
  }

  // ---------------------------------------------------------------- shortcuts for common ops

  public String op(String opType, String... inputs) {
    return node(opType).inputs(inputs).output();
  }

  public String add(String a, String b) {
    return op("Add", a, b);
  }

  public String sub(String a, String b) {
    return op("Sub", a, b);
  }

  public String mul(String a, String b) {
    return op("Mul", a, b);
  }

  public String div(String a, String b) {
    return op("Div", a, b);
  }

  public String neg(String a) {
    return op("Neg", a);
  }

  public String relu(String a) {
    return op("Relu", a);
  }

  public String shape(String a) {
    return op("Shape", a);
  }

  public String reshape(String a, String shape) {
    return op("Reshape", a, shape);
  }

  public String expand(String a, String shape) {
    return op("Expand", a, shape);
  }

  public String where(String condition, String a, String b) {
    return op("Where", condition, a, b);
  }

  /**
   * {@code value} where {@code condition} holds and 0 elsewhere, as {@code value * float(condition)}.
   * ONNX Runtime's CPU Where with a broadcast scalar takes two to three times as long as Cast and Mul
   * together, and backward passes apply such masks to every activation of a network. Unlike Where,
   * an infinite value outside the mask becomes NaN rather than 0.
   */
  public String keepWhere(String condition, String value) {
    return mul(value, floatMask(condition));
  }

  /** A boolean tensor as float 0 and 1. */
  public String floatMask(String condition) {
    return node("Cast").inputs(condition).attr("to", (long) DataType.FLOAT.code()).output();
  }

  public String greater(String a, String b) {
    return op("Greater", a, b);
  }

  public String less(String a, String b) {
    return op("Less", a, b);
  }

  public String and(String a, String b) {
    return op("And", a, b);
  }

  public String transpose(String a, long... perm) {
    return node("Transpose").inputs(a).attrInts("perm", perm).output();
  }

  public String unsqueeze(String a, long... axes) {
    return op("Unsqueeze", a, constInts(axes));
  }

  /** ReduceSum over {@code axes} (opset 13+ form, axes as an input). */
  public String reduceSum(String a, long[] axes, boolean keepDims) {
    return node("ReduceSum").inputs(a, constInts(axes)).attr("keepdims", keepDims ? 1L : 0L).output();
  }

  /** ReduceMean over {@code axes}, in the form the graph's opset expects (axes moved to an input at 18). */
  public String reduceMean(String a, long[] axes, boolean keepDims) {
    return reduce("ReduceMean", a, axes, keepDims);
  }

  public String reduceMax(String a, long[] axes, boolean keepDims) {
    return reduce("ReduceMax", a, axes, keepDims);
  }

  public String reduceMin(String a, long[] axes, boolean keepDims) {
    return reduce("ReduceMin", a, axes, keepDims);
  }

  private String reduce(String op, String a, long[] axes, boolean keepDims) {
    NodeSpec n = node(op);
    if (opset >= 18) {
      n.inputs(a, constInts(axes));
    } else {
      n.inputs(a).attrInts("axes", axes);
    }
    return n.attr("keepdims", keepDims ? 1L : 0L).output();
  }

  /** Zeros with the shape of {@code like} (taken at run time). */
  public String zerosLike(String like) {
    return node("ConstantOfShape").inputs(shape(like))
        .attr("value", Tensors.floats("", new long[] {1}, new float[] {0f})).output();
  }

  /** Renames a tensor by an Identity node with a chosen output name. */
  public String identityNamed(String input, String outputName) {
    return node("Identity").inputs(input).outputNamed(outputName);
  }

  // ---------------------------------------------------------------- result

  /** Direct access to the graph under construction (for edits the shortcuts do not cover). */
  public GraphProto.Builder graph() {
    return graph;
  }

  public GraphProto buildGraph() {
    return graph.build();
  }

  /** Wraps the graph in a model importing the default domain at this builder's opset. */
  public ModelProto buildModel() {
    return ModelProto.newBuilder()
        .setIrVersion(irVersionFor(opset))
        .setProducerName("gradcam4j")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph.build())
        .build();
  }

  /** The lowest IR version that may carry the given default-domain opset. */
  public static long irVersionFor(long opset) {
    if (opset >= 21) {
      return 10;
    }
    if (opset >= 19) {
      return 9;
    }
    if (opset >= 15) {
      return 8;
    }
    if (opset >= 14) {
      return 7;
    }
    if (opset >= 12) {
      return 7;
    }
    return 6;
  }
}
