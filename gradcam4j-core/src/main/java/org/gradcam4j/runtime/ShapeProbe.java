package org.gradcam4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.TypeProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Learns the element type and shape of every tensor of a model by running it once with all
 * intermediate tensors exposed as outputs. Where the model accepts any batch size it runs twice,
 * at batch 1 and 2: dimensions that change are the batch-dependent ones, so a graph compiled from
 * the result works at every batch size.
 */
public final class ShapeProbe {
  private ShapeProbe() {}

  /**
   * @param model a prepared model (see {@link org.gradcam4j.autodiff.ModelPreparer})
   * @param input name of the image input
   * @param inputShape the full input shape to learn shapes for; its first dimension is the batch
   * @param batchDynamic whether the model's input declares a symbolic batch dimension
   */
  public static ShapeTable probe(OnnxModel model, String input, long[] inputShape, boolean batchDynamic) {
    ModelProto probeModel = exposeEverything(model.proto());
    // Unoptimised: the probe runs once or twice, and with every tensor an output, fusing and re-laying
    // out the graph (weights pre-packed for ResNet-50's 100 MB) costs more than it could save.
    try (OnnxSession session = new OnnxSession(probeModel.toByteArray(), model.source() + " (shape probe)", 0,
        OrtSession.SessionOptions.OptLevel.NO_OPT)) {
      if (batchDynamic) {
        try {
          Map<String, ShapeTable.Entry> one = run(session, input, withBatch(inputShape, 1), model);
          Map<String, ShapeTable.Entry> two = run(session, input, withBatch(inputShape, 2), model);
          return new ShapeTable(merge(one, two), true, changesAreTheBatchSize(one, two));
        } catch (GradCamException e) {
          // The model declares a symbolic batch but only runs at one size: learn shapes for that one.
        }
      }
      return new ShapeTable(run(session, input, inputShape, model), false, true);
    }
  }

  private static long[] withBatch(long[] shape, long batch) {
    long[] s = shape.clone();
    s[0] = batch;
    return s;
  }

  /** True when every dimension that differs between the runs at batch 1 and 2 is 1 and 2. */
  private static boolean changesAreTheBatchSize(Map<String, ShapeTable.Entry> one, Map<String, ShapeTable.Entry> two) {
    for (Map.Entry<String, ShapeTable.Entry> e : one.entrySet()) {
      ShapeTable.Entry other = two.get(e.getKey());
      if (other == null || other.shape().rank() != e.getValue().shape().rank()) {
        return false;
      }
      long[] a = e.getValue().shape().dims();
      long[] b = other.shape().dims();
      for (int i = 0; i < a.length; i++) {
        if (a[i] != b[i] && (a[i] != 1 || b[i] != 2)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Map<String, ShapeTable.Entry> merge(Map<String, ShapeTable.Entry> one,
      Map<String, ShapeTable.Entry> two) {
    Map<String, ShapeTable.Entry> merged = new HashMap<>();
    for (Map.Entry<String, ShapeTable.Entry> e : one.entrySet()) {
      ShapeTable.Entry other = two.get(e.getKey());
      long[] a = e.getValue().shape().dims();
      if (other == null || other.shape().rank() != a.length) {
        merged.put(e.getKey(), e.getValue());
        continue;
      }
      long[] b = other.shape().dims();
      long[] d = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i] == b[i] ? a[i] : TensorShape.BATCH;
      }
      merged.put(e.getKey(), new ShapeTable.Entry(e.getValue().type(), new TensorShape(d)));
    }
    return merged;
  }

  private static Map<String, ShapeTable.Entry> run(OnnxSession session, String input, long[] shape, OnnxModel model) {
    Map<String, FloatTensor> feeds = new HashMap<>();
    feeds.put(input, FloatTensor.zeros(shape));
    // Other run-time inputs (weights fed at run time, for training) need fully declared shapes.
    for (ValueInfoProto v : model.graph().inputs()) {
      if (!v.getName().equals(input)) {
        feeds.put(v.getName(), FloatTensor.zeros(declaredStaticShape(v)));
      }
    }
    Set<String> outputs = new LinkedHashSet<>(session.outputNames());
    Map<String, ShapeTable.Entry> table = session.runRaw(feeds, outputs, result -> {
      Map<String, ShapeTable.Entry> m = new HashMap<>();
      for (Map.Entry<String, OnnxValue> e : result) {
        if (e.getValue() instanceof OnnxTensor t) {
          TensorInfo info = t.getInfo();
          m.put(e.getKey(), new ShapeTable.Entry(dataType(info), new TensorShape(info.getShape())));
        }
      }
      return m;
    });
    table.put(input, new ShapeTable.Entry(DataType.FLOAT, new TensorShape(shape)));
    for (Map.Entry<String, FloatTensor> f : feeds.entrySet()) {
      table.putIfAbsent(f.getKey(), new ShapeTable.Entry(DataType.FLOAT, new TensorShape(f.getValue().shape())));
    }
    for (TensorProto init : model.proto().getGraph().getInitializerList()) {
      table.put(init.getName(), new ShapeTable.Entry(DataType.of(init.getDataType()),
          new TensorShape(init.getDimsList().stream().mapToLong(Long::longValue).toArray())));
    }
    return table;
  }

  private static long[] declaredStaticShape(ValueInfoProto v) {
    var shape = v.getType().getTensorType().getShape();
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      if (!shape.getDim(i).hasDimValue()) {
        throw new GradCamException("Input '" + v.getName() + "' needs a fully declared shape");
      }
      dims[i] = shape.getDim(i).getDimValue();
    }
    return dims;
  }

  private static DataType dataType(TensorInfo info) {
    return switch (info.onnxType) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FLOAT;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.DOUBLE;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FLOAT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BFLOAT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
      default -> DataType.UNDEFINED;
    };
  }

  /** The model with every node output of the main graph listed as a graph output. */
  static ModelProto exposeEverything(ModelProto model) {
    GraphProto g = model.getGraph();
    Set<String> already = new LinkedHashSet<>();
    g.getOutputList().forEach(v -> already.add(v.getName()));
    GraphProto.Builder gb = g.toBuilder();
    for (NodeProto n : g.getNodeList()) {
      for (String out : n.getOutputList()) {
        if (!out.isEmpty() && already.add(out)) {
          // No type given: ONNX Runtime takes the type its own inference finds for the node output.
          gb.addOutput(ValueInfoProto.newBuilder().setName(out).setType(TypeProto.newBuilder()));
        }
      }
    }
    return model.toBuilder().setGraph(gb).build();
  }

  static String describe(long[] shape) {
    return Arrays.toString(shape);
  }
}
