package org.gradcam4j.onnx;

import java.util.Optional;
import org.gradcam4j.onnx.proto.Onnx.AttributeProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/** Typed reading of node attributes, with the defaults the ONNX specification gives. */
public final class Attrs {
  private Attrs() {}

  public static Optional<AttributeProto> find(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public static boolean has(NodeProto node, String name) {
    return find(node, name).isPresent();
  }

  public static long getInt(NodeProto node, String name, long defaultValue) {
    return find(node, name).map(AttributeProto::getI).orElse(defaultValue);
  }

  public static float getFloat(NodeProto node, String name, float defaultValue) {
    return find(node, name).map(AttributeProto::getF).orElse(defaultValue);
  }

  public static String getString(NodeProto node, String name, String defaultValue) {
    return find(node, name).map(a -> a.getS().toStringUtf8()).orElse(defaultValue);
  }

  /** The integer list attribute, or {@code null} when the node does not set it. */
  public static long[] getInts(NodeProto node, String name) {
    return find(node, name)
        .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
        .orElse(null);
  }

  public static long[] getInts(NodeProto node, String name, long[] defaultValue) {
    long[] v = getInts(node, name);
    return v == null ? defaultValue : v;
  }

  public static float[] getFloats(NodeProto node, String name) {
    return find(node, name)
        .map(a -> {
          float[] f = new float[a.getFloatsCount()];
          for (int i = 0; i < f.length; i++) {
            f[i] = a.getFloats(i);
          }
          return f;
        })
        .orElse(null);
  }

  public static Optional<TensorProto> getTensor(NodeProto node, String name) {
    return find(node, name).filter(AttributeProto::hasT).map(AttributeProto::getT);
  }

  public static AttributeProto ofInt(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  public static AttributeProto ofFloat(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  public static AttributeProto ofString(String name, String v) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v))
        .build();
  }

  public static AttributeProto ofInts(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  public static AttributeProto ofFloats(String name, float... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
    for (float x : v) {
      b.addFloats(x);
    }
    return b.build();
  }

  public static AttributeProto ofTensor(String name, TensorProto t) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
  }

  /** Returns a copy of the node with the named attribute removed. */
  public static NodeProto without(NodeProto node, String name) {
    NodeProto.Builder b = node.toBuilder().clearAttribute();
    for (AttributeProto a : node.getAttributeList()) {
      if (!a.getName().equals(name)) {
        b.addAttribute(a);
      }
    }
    return b.build();
  }

  /** Returns a copy of the node with the attribute set (replacing an existing one of that name). */
  public static NodeProto with(NodeProto node, AttributeProto attr) {
    return without(node, attr.getName()).toBuilder().addAttribute(attr).build();
  }
}
