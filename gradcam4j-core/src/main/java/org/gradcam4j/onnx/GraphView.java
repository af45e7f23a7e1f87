package org.gradcam4j.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.AttributeProto;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Read-only index over a {@link GraphProto}: nodes in topological order, who produces and who
 * consumes each tensor, initializers and constant values.
 */
public final class GraphView {
  private final GraphProto graph;
  private final List<NodeProto> nodes;
  private final Map<String, Integer> producerIndex = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
  private final List<ValueInfoProto> inputs = new ArrayList<>();

  GraphView(GraphProto graph) {
    this.graph = graph;
    for (TensorProto t : graph.getInitializerList()) {
      initializers.put(t.getName(), t);
    }
    for (ValueInfoProto v : graph.getInputList()) {
      if (!initializers.containsKey(v.getName())) {
        inputs.add(v);
      }
    }
    this.nodes = topologicalOrder(graph.getNodeList());
    for (int i = 0; i < nodes.size(); i++) {
      NodeProto n = nodes.get(i);
      for (String out : n.getOutputList()) {
        if (!out.isEmpty()) {
          producerIndex.put(out, i);
        }
      }
      for (String in : inputsIncludingSubgraphs(n)) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
  }

  public GraphProto proto() {
    return graph;
  }

  /** Nodes in an order where every node comes after the producers of its inputs. */
  public List<NodeProto> nodes() {
    return nodes;
  }

  /** Graph inputs that are fed at run time (initializers listed as inputs are excluded). */
  public List<ValueInfoProto> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public List<ValueInfoProto> outputs() {
    return graph.getOutputList();
  }

  public List<String> outputNames() {
    return graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
  }

  public Map<String, TensorProto> initializers() {
    return Collections.unmodifiableMap(initializers);
  }

  public boolean isInitializer(String tensor) {
    return initializers.containsKey(tensor);
  }

  public boolean isInput(String tensor) {
    return inputs.stream().anyMatch(v -> v.getName().equals(tensor));
  }

  /** The node producing {@code tensor}, or {@code null} for graph inputs and initializers. */
  public NodeProto producer(String tensor) {
    Integer i = producerIndex.get(tensor);
    return i == null ? null : nodes.get(i);
  }

  /** Position of the producer in {@link #nodes()}, or -1. */
  public int producerPosition(String tensor) {
    return producerIndex.getOrDefault(tensor, -1);
  }

  public List<NodeProto> consumers(String tensor) {
    return consumers.getOrDefault(tensor, List.of());
  }

  /** True if the name is a graph input, an initializer or a node output of this graph. */
  public boolean hasTensor(String tensor) {
    return producerIndex.containsKey(tensor) || initializers.containsKey(tensor) || isInput(tensor);
  }

  /** Finds a node by name. */
  public Optional<NodeProto> node(String name) {
    return nodes.stream().filter(n -> n.getName().equals(name)).findFirst();
  }

  /**
   * The value of a tensor known before run time: an initializer, or the output of a Constant node.
   */
  public Optional<TensorProto> constantValue(String tensor) {
    TensorProto init = initializers.get(tensor);
    if (init != null) {
      return Optional.of(init);
    }
    NodeProto p = producer(tensor);
    if (p != null && p.getOpType().equals("Constant") && p.getDomain().isEmpty()) {
      return constantNodeValue(p);
    }
    return Optional.empty();
  }

  /** The tensor a Constant node defines, in any of the attribute forms the specification allows. */
  static Optional<TensorProto> constantNodeValue(NodeProto p) {
    for (AttributeProto a : p.getAttributeList()) {
      switch (a.getName()) {
        case "value":
          return Optional.of(a.getT());
        case "value_float":
          return Optional.of(Tensors.floats("", new long[0], new float[] {a.getF()}));
        case "value_floats": {
          float[] f = new float[a.getFloatsCount()];
          for (int i = 0; i < f.length; i++) {
            f[i] = a.getFloats(i);
          }
          return Optional.of(Tensors.floats("", new long[] {f.length}, f));
        }
        case "value_int":
          return Optional.of(Tensors.int64s("", new long[0], new long[] {a.getI()}));
        case "value_ints": {
          long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
          return Optional.of(Tensors.int64s("", new long[] {v.length}, v));
        }
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /** Every tensor {@code tensor} depends on (itself included), through any chain of producers. */
  public Set<String> ancestors(String tensor) {
    Set<String> seen = new HashSet<>();
    List<String> stack = new ArrayList<>(List.of(tensor));
    while (!stack.isEmpty()) {
      String t = stack.remove(stack.size() - 1);
      if (seen.add(t)) {
        NodeProto p = producer(t);
        if (p != null) {
          stack.addAll(inputsIncludingSubgraphs(p));
        }
      }
    }
    return seen;
  }

  /** "'name' (OpType)" or, for unnamed nodes, "(OpType) producing 'output'". */
  public static String describe(NodeProto n) {
    String op = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx")
        ? n.getOpType() : n.getDomain() + "." + n.getOpType();
    if (!n.getName().isEmpty()) {
      return "node '" + n.getName() + "' (" + op + ")";
    }
    String out = n.getOutputCount() > 0 ? n.getOutput(0) : "?";
    return "unnamed " + op + " node producing '" + out + "'";
  }

  /** Inputs of a node plus the outer-scope tensors its subgraphs (If, Loop, Scan) read. */
  public static Set<String> inputsIncludingSubgraphs(NodeProto n) {
    Set<String> names = new HashSet<>();
    for (String in : n.getInputList()) {
      if (!in.isEmpty()) {
        names.add(in);
      }
    }
    for (AttributeProto a : n.getAttributeList()) {
      if (a.hasG()) {
        names.addAll(outerScopeReads(a.getG()));
      }
      for (GraphProto g : a.getGraphsList()) {
        names.addAll(outerScopeReads(g));
      }
    }
    return names;
  }

  private static Set<String> outerScopeReads(GraphProto g) {
    Set<String> local = new HashSet<>();
    g.getInputList().forEach(v -> local.add(v.getName()));
    g.getInitializerList().forEach(t -> local.add(t.getName()));
    for (NodeProto n : g.getNodeList()) {
      local.addAll(n.getOutputList());
    }
    Set<String> reads = new HashSet<>();
    for (NodeProto n : g.getNodeList()) {
      for (String in : inputsIncludingSubgraphs(n)) {
        if (!local.contains(in)) {
          reads.add(in);
        }
      }
    }
    return reads;
  }

  private static List<NodeProto> topologicalOrder(List<NodeProto> original) {
    Map<String, Integer> producer = new HashMap<>();
    for (int i = 0; i < original.size(); i++) {
      for (String out : original.get(i).getOutputList()) {
        if (!out.isEmpty()) {
          producer.put(out, i);
        }
      }
    }
    int n = original.size();
    int[] pending = new int[n];
    List<List<Integer>> dependents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (String in : inputsIncludingSubgraphs(original.get(i))) {
        Integer p = producer.get(in);
        if (p != null && p != i) {
          pending[i]++;
          dependents.get(p).add(i);
        }
      }
    }
    // Kahn's algorithm; ties keep the file's order so already-sorted graphs are unchanged.
    java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<NodeProto> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(original.get(i));
      for (int d : dependents.get(i)) {
        if (--pending[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() != n) {
      Deque<String> stuck = new ArrayDeque<>();
      for (int i = 0; i < n && stuck.size() < 3; i++) {
        if (pending[i] > 0) {
          stuck.add(describe(original.get(i)));
        }
      }
      throw new ModelFormatException("The graph has a cycle (involving " + String.join(", ", stuck) + ")");
    }
    return order;
  }
}
