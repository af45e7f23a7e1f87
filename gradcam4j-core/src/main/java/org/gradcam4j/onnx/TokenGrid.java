package org.gradcam4j.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * The patch grid of a vision transformer, and spatial views of its token tensors.
 *
 * <p>A vision transformer cuts the image into patches with one convolution whose kernel equals its
 * stride (the patch embedding); its output [N, C, h, w] fixes the grid. Later tensors hold one token
 * per patch: ViT and DeiT as [N, T, C] with one or two extra tokens in front (class, distillation),
 * Swin as [N, h', w', C] channels-last, on the grid or on a coarser one after patch merging
 * (h' = h / 2^k). Class activation maps need [N, C, h, w]: {@link #withSpatialView} adds to the
 * graph a tensor of that form computed from the tokens, and makes the rest of the network read the
 * tokens back from it. The view is then an ordinary layer on the path to the score, so its
 * activations, gradients and a cut of the model at it (Ablation-CAM) all work unchanged, and the
 * extra tokens keep their values and are left out of the map, as pytorch-grad-cam's
 * {@code reshape_transform} leaves them out.
 *
 * @param height rows of the patch grid
 * @param width columns of the patch grid
 */
public record TokenGrid(long height, long width) {
  /** Suffix of the spatial view's tensor name. */
  public static final String VIEW_SUFFIX = "/spatial";
  /** At most this many tokens in front of the patch tokens (class and distillation). */
  private static final int MAX_EXTRA_TOKENS = 2;
  /** Coarser grids considered: up to 2^5 times coarser (Swin merges patches three times). */
  private static final int MAX_MERGES = 5;

  /**
   * How a tensor holds its tokens.
   *
   * @param extraTokens tokens before the patch tokens (rank 3 only)
   * @param height rows of the tensor's grid
   * @param width columns of the tensor's grid
   * @param channelsLast true for [N, h, w, C], false for [N, T, C]
   */
  public record Layout(int extraTokens, long height, long width, boolean channelsLast) {}

  /** The grid of the model's patch embedding, if it has one. */
  public static Optional<TokenGrid> of(GraphView graph, ShapeTable shapes) {
    for (NodeProto n : graph.nodes()) {
      if (!n.getOpType().equals("Conv") || !n.getDomain().isEmpty() || !shapes.contains(n.getOutput(0))) {
        continue;
      }
      long[] kernel = Attrs.getInts(n, "kernel_shape", null);
      long[] strides = Attrs.getInts(n, "strides", null);
      TensorShape out = shapes.shape(n.getOutput(0));
      if (kernel != null && kernel.length == 2 && kernel[0] > 1 && java.util.Arrays.equals(kernel, strides)
          && out.rank() == 4 && out.dim(2) * out.dim(3) > 1) {
        return Optional.of(new TokenGrid(out.dim(2), out.dim(3)));
      }
    }
    return Optional.empty();
  }

  /**
   * The token layout of {@code tensor}, or empty when it is not a token tensor of this grid (a
   * [N, C, h, w] activation, which needs no view, is not).
   */
  public Optional<Layout> layout(GraphView graph, ShapeTable shapes, String tensor) {
    if (!shapes.contains(tensor) || shapes.type(tensor) != DataType.FLOAT) {
      return Optional.empty();
    }
    TensorShape s = shapes.shape(tensor);
    if (s.rank() == 3 && s.dim(1) > 0) {
      for (int k = 0; k <= MAX_MERGES; k++) {
        long h = coarser(height, k);
        long w = coarser(width, k);
        long extra = s.dim(1) - h * w;
        if (extra >= 0 && extra <= MAX_EXTRA_TOKENS && h * w > 1) {
          return Optional.of(new Layout((int) extra, h, w, false));
        }
      }
      return Optional.empty();
    }
    if (s.rank() == 4 && onGrid(s.dim(1), s.dim(2))
        && (!onGrid(s.dim(2), s.dim(3)) || normalisedOverLastAxis(graph, tensor))) {
      return Optional.of(new Layout(0, s.dim(1), s.dim(2), true));
    }
    return Optional.empty();
  }

  private boolean onGrid(long h, long w) {
    for (int k = 0; k <= MAX_MERGES; k++) {
      if (h == coarser(height, k) && w == coarser(width, k) && h * w > 1) {
        return true;
      }
    }
    return false;
  }

  private static long coarser(long size, int merges) {
    return (size + (1L << merges) - 1) >> merges;
  }

  /**
   * Tells [N, h, w, C] from [N, C, h, w] where both would fit the grid: a transformer normalises its
   * channels-last tensors over the last axis.
   */
  private static boolean normalisedOverLastAxis(GraphView graph, String tensor) {
    List<NodeProto> touching = new ArrayList<>(graph.consumers(tensor));
    NodeProto producer = graph.producer(tensor);
    if (producer != null) {
      touching.add(producer);
    }
    for (NodeProto n : touching) {
      if (n.getOpType().equals("LayerNormalization") && Attrs.getInt(n, "axis", -1) == -1) {
        return true;
      }
      if (n.getOpType().equals("ReduceMean") && java.util.Arrays.equals(Attrs.getInts(n, "axes", null), new long[] {-1})) {
        return true;
      }
    }
    return false;
  }

  /** Name of the spatial view of {@code tensor}. */
  public static String viewName(String tensor) {
    return tensor + VIEW_SUFFIX;
  }

  /**
   * The model with the spatial view [N, C, h, w] of token tensor {@code tensor} (named
   * {@link #viewName}), from which every former reader of the tokens now reads them; the model
   * itself when the view exists already.
   */
  public static OnnxModel withSpatialView(OnnxModel model, String tensor, Layout layout) {
    GraphView graph = model.graph();
    String view = viewName(tensor);
    if (graph.hasTensor(view)) {
      return model;
    }
    if (graph.producer(tensor) == null) {
      throw new org.gradcam4j.error.GradCamException("Layer '" + tensor
          + "' is not computed by a node; choose a layer inside the network");
    }
    int original = graph.proto().getNodeCount();
    GraphBuilder b = new GraphBuilder(graph.proto(), model.defaultOpset());
    b.setNamePrefix(tensor + "/grid/");
    long h = layout.height();
    long w = layout.width();
    String rebuilt;
    if (layout.channelsLast()) {
      b.node("Transpose").inputs(tensor).attrInts("perm", 0, 3, 1, 2).outputNamed(view);
      rebuilt = b.transpose(view, 0, 2, 3, 1);
    } else {
      long extra = layout.extraTokens();
      String patches = extra == 0 ? tensor
          : b.op("Slice", tensor, b.constInts(extra), b.constInts(Long.MAX_VALUE), b.constInts(1));
      // [N, h*w, C] -> [N, h, w, C] -> [N, C, h, w]; the batch is copied by Reshape's 0.
      String rows = b.reshape(patches, b.constInts(0, h, w, -1));
      b.node("Transpose").inputs(rows).attrInts("perm", 0, 3, 1, 2).outputNamed(view);
      String back = b.reshape(b.transpose(view, 0, 2, 3, 1), b.constInts(0, h * w, -1));
      rebuilt = extra == 0 ? back : b.node("Concat").inputs(
          b.op("Slice", tensor, b.constInts(0), b.constInts(extra), b.constInts(1)), back).attr("axis", 1L).output();
    }
    GraphProto built = b.buildGraph();
    GraphProto.Builder g = built.toBuilder().clearNode();
    for (int i = 0; i < built.getNodeCount(); i++) {
      NodeProto n = built.getNode(i);
      g.addNode(i < original ? readFrom(n, tensor, rebuilt) : n);
    }
    // Written in topological order: the former readers now come after the view.
    GraphProto unsorted = g.build();
    GraphProto.Builder sorted = unsorted.toBuilder().clearNode();
    OnnxModel.of(model.proto().toBuilder().setGraph(unsorted).build(), model.source()).graph().nodes()
        .forEach(sorted::addNode);
    return model.withProto(model.proto().toBuilder().setGraph(sorted).build());
  }

  /** {@code n} with every input {@code from} replaced by {@code to}. */
  private static NodeProto readFrom(NodeProto n, String from, String to) {
    if (!n.getInputList().contains(from)) {
      return n;
    }
    NodeProto.Builder copy = n.toBuilder();
    for (int i = 0; i < copy.getInputCount(); i++) {
      if (copy.getInput(i).equals(from)) {
        copy.setInput(i, to);
      }
    }
    return copy.build();
  }
}
