package org.gradcam4j.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.gradcam4j.onnx.proto.Onnx.AttributeProto;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.StringStringEntryProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * Loads tensors stored outside the model file ("external data", used by exporters for large
 * models) and puts their bytes into {@code raw_data}, so the rest of the project, and ONNX Runtime
 * sessions created from bytes, see one self-contained model.
 */
final class ExternalData {
  private ExternalData() {}

  static boolean uses(ModelProto model) {
    return model.hasGraph() && usesIn(model.getGraph());
  }

  private static boolean usesIn(GraphProto g) {
    for (TensorProto t : g.getInitializerList()) {
      if (isExternal(t)) {
        return true;
      }
    }
    for (NodeProto n : g.getNodeList()) {
      for (AttributeProto a : n.getAttributeList()) {
        if (a.hasT() && isExternal(a.getT())) {
          return true;
        }
        if (a.hasG() && usesIn(a.getG())) {
          return true;
        }
      }
    }
    return false;
  }

  static ModelProto inline(ModelProto model, Path baseDir) {
    ModelProto.Builder b = model.toBuilder();
    b.setGraph(inlineGraph(model.getGraph(), baseDir));
    return b.build();
  }

  private static GraphProto inlineGraph(GraphProto g, Path baseDir) {
    GraphProto.Builder gb = g.toBuilder();
    for (int i = 0; i < gb.getInitializerCount(); i++) {
      TensorProto t = gb.getInitializer(i);
      if (isExternal(t)) {
        gb.setInitializer(i, load(t, baseDir));
      }
    }
    for (int i = 0; i < gb.getNodeCount(); i++) {
      NodeProto n = gb.getNode(i);
      NodeProto.Builder nb = null;
      for (int j = 0; j < n.getAttributeCount(); j++) {
        AttributeProto a = n.getAttribute(j);
        AttributeProto.Builder ab = null;
        if (a.hasT() && isExternal(a.getT())) {
          ab = a.toBuilder().setT(load(a.getT(), baseDir));
        }
        if (a.hasG() && usesIn(a.getG())) {
          ab = (ab == null ? a.toBuilder() : ab).setG(inlineGraph(a.getG(), baseDir));
        }
        if (ab != null) {
          nb = nb == null ? n.toBuilder() : nb;
          nb.setAttribute(j, ab);
        }
      }
      if (nb != null) {
        gb.setNode(i, nb);
      }
    }
    return gb.build();
  }

  private static boolean isExternal(TensorProto t) {
    return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
  }

  private static TensorProto load(TensorProto t, Path baseDir) {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = parse(t, e);
        case "length" -> length = parse(t, e);
        default -> {
          // "checksum" and future keys carry nothing we need to read the bytes
        }
      }
    }
    if (location == null || location.isEmpty()) {
      throw new ModelFormatException("Tensor '" + t.getName() + "' is stored externally but names no file");
    }
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = base.resolve(location).normalize();
    if (!file.startsWith(base)) {
      throw new ModelFormatException("Tensor '" + t.getName() + "' points outside the model's folder: " + location);
    }
    long expected = Tensors.elementCount(t) * DataType.of(t.getDataType()).byteSize();
    if (length < 0) {
      length = expected;
    }
    if (expected > 0 && length != expected) {
      throw new ModelFormatException("Tensor '" + t.getName() + "' in external file " + location + " has "
          + length + " bytes, but its shape and type need " + expected);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      bytes = in.readNBytes(Math.toIntExact(length));
      if (bytes.length != length) {
        throw new java.io.EOFException();
      }
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("External data file " + file + " (for tensor '" + t.getName()
          + "') does not exist; keep it next to the model file", e);
    } catch (java.io.EOFException e) {
      throw new ModelFormatException("External data file " + file + " is too short for tensor '"
          + t.getName() + "' (needs bytes " + offset + ".." + (offset + length) + ")", e);
    } catch (IOException e) {
      throw new ModelFormatException("Cannot read external data file " + file + ": " + e.getMessage(), e);
    }
    return t.toBuilder()
        .clearExternalData()
        .clearDataLocation()
        .setRawData(ByteString.copyFrom(bytes))
        .build();
  }

  private static long parse(TensorProto t, StringStringEntryProto e) {
    try {
      return Long.parseLong(e.getValue().trim());
    } catch (NumberFormatException ex) {
      throw new ModelFormatException("Tensor '" + t.getName() + "' has an invalid external data "
          + e.getKey() + ": '" + e.getValue() + "'");
    }
  }
}
