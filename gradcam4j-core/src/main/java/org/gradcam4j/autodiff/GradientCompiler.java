package org.gradcam4j.autodiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gradcam4j.autodiff.rules.BackwardContext;
import org.gradcam4j.autodiff.rules.BackwardRule;
import org.gradcam4j.autodiff.rules.UnsupportedBackwardException;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Reverse-mode automatic differentiation of ONNX graphs, by graph rewriting.
 *
 * <p>ONNX Runtime only runs graphs forward. The compiler appends, for every node between the
 * differentiated tensors and the score, the nodes that compute that node's backward (chosen by op
 * type from the {@link RuleRegistry}), seeds the backward with a run-time input, and exposes the
 * gradients as graph outputs. Forward and backward then run in a single {@code session.run}, with
 * all of ONNX Runtime's optimisations, and the result is an ordinary ONNX model that any runtime
 * can execute.
 *
 * <p>Steps: (1) mark the tensors that depend on a differentiated tensor, following only
 * floating-point tensors and differentiable inputs; (2) keep those that also lead to the score:
 * the backward path; (3) check that every node on it has a rule, reporting all that do not;
 * (4) walk the path in reverse topological order, summing gradient contributions of tensors used
 * more than once; (5) remove nodes and initializers no output needs.
 */
public final class GradientCompiler {
  /** The domain of ONNX Runtime's contrib ops, which optimised exports contain. */
  static final String CONTRIB_DOMAIN = "com.microsoft";

  /** Name of the seed input of compiled graphs. */
  public static final String SEED_INPUT = "seed";
  /** Name of the optional top-1 weight input of compiled graphs. */
  public static final String TOP1_INPUT = "top1";

  private final RuleRegistry rules;

  public GradientCompiler(RuleRegistry rules) {
    this.rules = rules;
  }

  public GradientCompiler() {
    this(RuleRegistry.standard());
  }

  /**
   * Compiles the gradient graph.
   *
   * @param model a model prepared by {@link org.gradcam4j.onnx.ModelPreparer}
   * @param shapes shapes of the model's tensors for the input size to compile for
   */
  public GradientGraph compile(OnnxModel model, ShapeTable shapes, GradientRequest request) {
    GraphView graph = model.graph();
    String image = imageInput(graph);
    String score = request.scoreTensor();
    checkTensor(graph, score, "score tensor");
    for (String w : request.wrt()) {
      checkTensor(graph, w, "tensor to differentiate");
    }
    if (!shapes.type(score).equals(DataType.FLOAT)) {
      throw new GradCamException("The score tensor '" + score + "' is " + shapes.type(score)
          + "; gradients are computed in float32 only");
    }

    Set<String> dependent = dependentTensors(graph, shapes, request.wrt());
    Path path = backwardPath(graph, dependent, score);
    for (String w : request.wrt()) {
      if (!path.tensors.contains(w)) {
        throw new GradCamException("The score tensor '" + score + "' does not depend on '" + w
            + "': choose a tensor that lies before the score in the graph");
      }
    }
    checkRules(path.nodes, request);

    long opset = model.defaultOpset();
    GraphBuilder b = new GraphBuilder(graph.proto(), opset);
    TensorShape scoreShape = shapes.shape(score);
    if (scoreShape.rank() < 1) {
      throw new GradCamException("The score tensor '" + score + "' is a scalar; it needs a batch dimension");
    }
    long classes = scoreShape.elementCountFrom(1);
    Object batchDim = shapes.batchGeneric() ? "N" : scoreShape.dim(0);

    // Seed: d(objective)/d(score) = seed (+ top1 weight x one-hot of the arg-max).
    b.setNamePrefix("gradcam4j/seed/");
    String seed = b.input(SEED_INPUT, DataType.FLOAT, batchDim, classes);
    String scores2d = b.node("Reshape").inputs(score, b.constInts(0, classes)).output();
    String effectiveSeed = seed;
    String top1 = null;
    if (request.top1Seed()) {
      top1 = b.input(TOP1_INPUT, DataType.FLOAT, batchDim);
      String best = b.node("ArgMax").inputs(scores2d).attr("axis", 1L).attr("keepdims", 0L).output();
      String oneHot = b.node("OneHot").inputs(best, b.constScalarInt(classes),
          b.constFloats(new long[] {2}, new float[] {0f, 1f})).attr("axis", -1L).output();
      effectiveSeed = b.add(seed, b.mul(oneHot, b.unsqueeze(top1, 1)));
    }
    String scoreGrad = scoreShape.rank() == 2
        ? effectiveSeed
        : b.reshape(effectiveSeed, scoreShape.hasBatchDims() ? b.shape(score) : b.constInts(scoreShape.dims()));

    Gradients grads = new Gradients(b);
    grads.add(score, scoreGrad);
    BackwardContext.ShapeCache shapeCache = new BackwardContext.ShapeCache();
    List<NodeProto> reversed = new ArrayList<>(path.nodes);
    java.util.Collections.reverse(reversed);
    for (NodeProto node : reversed) {
      String[] outGrads = new String[node.getOutputCount()];
      boolean any = false;
      for (int j = 0; j < outGrads.length; j++) {
        String out = node.getOutput(j);
        if (!out.isEmpty() && grads.has(out)) {
          outGrads[j] = grads.total(out);
          any = true;
        }
      }
      if (!any) {
        continue;
      }
      BackwardRule rule = rules.find(node).orElseThrow();
      boolean[] needs = new boolean[node.getInputCount()];
      for (int i = 0; i < needs.length; i++) {
        String in = node.getInput(i);
        needs[i] = !in.isEmpty() && path.tensors.contains(in) && rule.isDifferentiable(node, i);
      }
      b.setNamePrefix("gradcam4j/grad/" + (node.getName().isEmpty() ? node.getOpType() : node.getName()) + "/");
      BackwardContext ctx = new BackwardContext(node, graph, shapes, b, request.variant(), outGrads, needs,
          grads::add, shapeCache);
      rule.backward(ctx);
    }

    // Outputs.
    b.setNamePrefix("gradcam4j/out/");
    GraphProto.Builder gp = b.graph();
    List<String> modelOutputs = new ArrayList<>();
    if (!request.keepModelOutputs()) {
      gp.clearOutput();
    } else {
      graph.outputNames().forEach(modelOutputs::add);
    }
    Set<String> declared = new HashSet<>();
    gp.getOutputList().forEach(v -> declared.add(v.getName()));
    addOutput(b, declared, score, shapes);
    List<String> activationOutputs = new ArrayList<>();
    Map<String, String> gradientOutputs = new LinkedHashMap<>();
    for (String w : request.wrt()) {
      if (!w.equals(image)) {
        addOutput(b, declared, w, shapes);
        activationOutputs.add(w);
      }
      String total = grads.has(w) ? grads.total(w) : null;
      if (total == null) {
        throw new GradCamException("No gradient reached '" + w + "'");
      }
      String name = b.node("Identity").inputs(total).output(w + "_grad");
      gp.addOutput(valueInfo(name, shapes.shape(w), shapes.batchGeneric()));
      declared.add(name);
      gradientOutputs.put(w, name);
    }
    Map<String, String> extensionOutputs = new LinkedHashMap<>();
    if (!request.extensions().isEmpty()) {
      b.setNamePrefix("gradcam4j/ext/");
      GraphExtension.Inputs inputs = new GraphExtension.Inputs() {
        @Override
        public String gradient(String wrtTensor) {
          String g = gradientOutputs.get(wrtTensor);
          if (g == null) {
            throw new IllegalArgumentException("'" + wrtTensor + "' is not differentiated");
          }
          return g;
        }

        @Override
        public TensorShape shape(String tensor) {
          return shapes.shape(tensor);
        }

        @Override
        public String scores2d() {
          return scores2d;
        }
      };
      // Each extension emits its nodes in turn; its outputs are named "key/output".
      Map<String, String> ext = new LinkedHashMap<>();
      request.extensions().forEach((key, extension) ->
          extension.extend(b, inputs).forEach((name, tensor) -> ext.put(key + "/" + name, tensor)));
      for (Map.Entry<String, String> e : ext.entrySet()) {
        if (declared.add(e.getValue())) {
          gp.addOutput(ValueInfoProto.newBuilder().setName(e.getValue()).setType(
              org.gradcam4j.onnx.proto.Onnx.TypeProto.newBuilder().setTensorType(
                  org.gradcam4j.onnx.proto.Onnx.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT.code()))));
        }
        extensionOutputs.put(e.getKey(), e.getValue());
      }
    }

    fixInputShape(gp, image, shapes);
    GraphProto pruned = removeDeadNodes(gp.build());
    ModelProto compiled = model.proto().toBuilder()
        .setGraph(pruned)
        .setIrVersion(Math.max(model.proto().getIrVersion(), GraphBuilder.irVersionFor(opset)))
        .build();
    return new GradientGraph(model.withProto(compiled), image, seed, top1, score, scoreShape,
        modelOutputs, activationOutputs, gradientOutputs, extensionOutputs);
  }

  // ---------------------------------------------------------------- analysis

  /**
   * The batch input: the first input fed at run time. Further inputs (weights fed at run time, as in
   * training) keep their declared shapes.
   */
  static String imageInput(GraphView graph) {
    List<ValueInfoProto> inputs = graph.inputs();
    if (inputs.isEmpty()) {
      throw new GradCamException("The model has no run-time input");
    }
    return inputs.get(0).getName();
  }

  private static void checkTensor(GraphView graph, String tensor, String role) {
    if (!graph.hasTensor(tensor)) {
      throw new GradCamException("The model has no tensor named '" + tensor + "' (" + role + ")");
    }
  }

  /** Tensors whose value depends on a differentiated tensor through differentiable, float inputs. */
  private Set<String> dependentTensors(GraphView graph, ShapeTable shapes, List<String> wrt) {
    Set<String> dependent = new HashSet<>(wrt);
    for (NodeProto node : graph.nodes()) {
      BackwardRule rule = rules.find(node).orElse(null);
      boolean flows = false;
      for (int i = 0; i < node.getInputCount() && !flows; i++) {
        String in = node.getInput(i);
        flows = dependent.contains(in) && isFloat(shapes, in) && (rule == null || rule.isDifferentiable(node, i));
      }
      if (flows) {
        for (String out : node.getOutputList()) {
          if (!out.isEmpty() && isFloat(shapes, out)) {
            dependent.add(out);
          }
        }
      }
    }
    return dependent;
  }

  private static boolean isFloat(ShapeTable shapes, String tensor) {
    return shapes.contains(tensor) && shapes.type(tensor).isFloatingPoint();
  }

  /** Nodes and tensors between the differentiated tensors and the score. */
  private record Path(List<NodeProto> nodes, Set<String> tensors) {}

  private Path backwardPath(GraphView graph, Set<String> dependent, String score) {
    Set<String> onPath = new HashSet<>();
    if (dependent.contains(score)) {
      onPath.add(score);
    }
    List<NodeProto> nodes = new ArrayList<>();
    List<NodeProto> all = graph.nodes();
    for (int k = all.size() - 1; k >= 0; k--) {
      NodeProto node = all.get(k);
      boolean produces = node.getOutputList().stream().anyMatch(onPath::contains);
      if (!produces) {
        continue;
      }
      BackwardRule rule = rules.find(node).orElse(null);
      boolean reached = false;
      for (int i = 0; i < node.getInputCount(); i++) {
        String in = node.getInput(i);
        if (dependent.contains(in) && (rule == null || rule.isDifferentiable(node, i))) {
          onPath.add(in);
          reached = true;
        }
      }
      // A differentiated tensor produced from independent inputs is where the path starts.
      if (reached) {
        nodes.add(node);
      }
    }
    java.util.Collections.reverse(nodes);
    return new Path(nodes, onPath);
  }

  private void checkRules(List<NodeProto> path, GradientRequest request) {
    Map<String, List<NodeProto>> missing = new LinkedHashMap<>();
    for (NodeProto n : path) {
      if (rules.find(n).isEmpty()) {
        String op = n.getDomain().isEmpty() ? n.getOpType() : n.getDomain() + "." + n.getOpType();
        missing.computeIfAbsent(op, k -> new ArrayList<>()).add(n);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<String> contrib = missing.keySet().stream().filter(op -> op.startsWith(CONTRIB_DOMAIN + ".")).toList();
    if (!contrib.isEmpty()) {
      throw new UnsupportedBackwardException("The model contains ONNX Runtime contrib ops of the Microsoft domain ("
          + String.join(", ", contrib) + ") on the path from '" + String.join("', '", request.wrt()) + "' to '"
          + request.scoreTensor() + "'. They come from an \"optimised\" export (ONNX Runtime's transformer or graph"
          + " optimiser, optimum with --optimize, a saved optimised session) and have no backward rule. Export the"
          + " model again without those optimisations, using standard ONNX ops only (for example torch.onnx.export"
          + " alone, or an ONNX Runtime optimisation level of 'basic' when saving), or choose a layer after these"
          + " nodes (--layer).");
    }
    Map.Entry<String, List<NodeProto>> first = missing.entrySet().iterator().next();
    StringBuilder msg = new StringBuilder("No backward rule for op '").append(first.getKey()).append("' (")
        .append(GraphView.describe(first.getValue().get(0)));
    int more = first.getValue().size() - 1;
    if (more > 0) {
      msg.append(" and ").append(more).append(" more");
    }
    msg.append(") on the path from '").append(String.join("', '", request.wrt())).append("' to '")
        .append(request.scoreTensor()).append("'.");
    if (missing.size() > 1) {
      msg.append(" Other ops without a rule: ").append(String.join(", ", missing.keySet().stream().skip(1).toList()))
          .append('.');
    }
    msg.append(" Supported ops: ").append(String.join(", ", new TreeSet<>(rules.supportedOps()))).append('.')
        .append(" Choose a layer after these nodes (--layer) or a different score tensor (--output).");
    throw new UnsupportedBackwardException(msg.toString());
  }

  // ---------------------------------------------------------------- output helpers

  private static void addOutput(GraphBuilder b, Set<String> declared, String tensor, ShapeTable shapes) {
    if (declared.add(tensor)) {
      b.graph().addOutput(valueInfo(tensor, shapes.shape(tensor), shapes.batchGeneric()));
    }
  }

  static ValueInfoProto valueInfo(String name, TensorShape shape, boolean batchGeneric) {
    Object[] dims = new Object[shape.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.dim(i) == TensorShape.BATCH ? (Object) "N" : (Object) shape.dim(i);
    }
    return GraphBuilder.valueInfo(name, DataType.FLOAT, dims);
  }

  /** The compiled graph is specialised to the probed input size: say so in its input declaration. */
  private static void fixInputShape(GraphProto.Builder gp, String image, ShapeTable shapes) {
    for (int i = 0; i < gp.getInputCount(); i++) {
      if (gp.getInput(i).getName().equals(image)) {
        ValueInfoProto old = gp.getInput(i);
        int elemType = old.getType().getTensorType().getElemType();
        ValueInfoProto v = valueInfo(image, shapes.shape(image), shapes.batchGeneric());
        if (elemType != DataType.FLOAT.code()) {
          throw new GradCamException("The image input '" + image + "' is " + DataType.of(elemType)
              + "; gradcam4j needs a float32 image input");
        }
        gp.setInput(i, v);
      }
    }
  }

  /** Removes nodes and initializers that no graph output needs. */
  public static GraphProto removeDeadNodes(GraphProto g) {
    Set<String> needed = new HashSet<>();
    g.getOutputList().forEach(v -> needed.add(v.getName()));
    List<NodeProto> nodes = g.getNodeList();
    boolean[] keep = new boolean[nodes.size()];
    // The node list is in topological order (original nodes first, appended nodes after their inputs).
    GraphView view = OnnxModel.of(ModelProto.newBuilder().setIrVersion(8).setGraph(g).build(), "compiled").graph();
    List<NodeProto> order = view.nodes();
    Set<NodeProto> kept = new LinkedHashSet<>();
    for (int k = order.size() - 1; k >= 0; k--) {
      NodeProto n = order.get(k);
      if (n.getOutputList().stream().anyMatch(needed::contains)) {
        kept.add(n);
        needed.addAll(GraphView.inputsIncludingSubgraphs(n));
      }
    }
    GraphProto.Builder b = g.toBuilder().clearNode().clearInitializer();
    for (NodeProto n : order) {
      if (kept.contains(n)) {
        b.addNode(n);
      }
    }
    for (TensorProto t : g.getInitializerList()) {
      if (needed.contains(t.getName())) {
        b.addInitializer(t);
      }
    }
    return b.build();
  }

  /** Accumulates gradient contributions per tensor and sums them once all are in. */
  private static final class Gradients {
    private final GraphBuilder b;
    private final Map<String, List<String>> parts = new HashMap<>();
    private final Map<String, String> totals = new HashMap<>();

    Gradients(GraphBuilder b) {
      this.b = b;
    }

    void add(String tensor, String gradient) {
      if (totals.containsKey(tensor)) {
        throw new IllegalStateException("gradient of '" + tensor + "' was already summed");
      }
      parts.computeIfAbsent(tensor, k -> new ArrayList<>()).add(gradient);
    }

    boolean has(String tensor) {
      return parts.containsKey(tensor);
    }

    String total(String tensor) {
      return totals.computeIfAbsent(tensor, t -> {
        List<String> p = parts.get(t);
        return p.size() == 1 ? p.get(0) : b.node("Sum").inputs(p.toArray(String[]::new)).output();
      });
    }
  }
}
