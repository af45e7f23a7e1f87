package org.gradcam4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.OperatorSetIdProto;

/**
 * An ONNX model held in memory: the parsed protobuf plus where it came from. Immutable; every
 * transformation returns a new instance.
 *
 * <p>Tensors kept in external data files are read at load time, so an instance is always
 * self-contained. Fields that gradcam4j's schema does not know are kept as protobuf unknown fields
 * and written back unchanged by {@link #save(Path)}.
 */
public final class OnnxModel {
  private final ModelProto proto;
  private final String source;
  private volatile GraphView graphView;
  private volatile String fingerprint;

  private OnnxModel(ModelProto proto, String source) {
    this.proto = proto;
    this.source = source;
  }

  /** Reads and checks an ONNX file; external data files are resolved next to it. */
  public static OnnxModel load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("Model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ModelFormatException("Cannot read model file " + file + ": " + e.getMessage(), e);
    }
    ModelProto proto = parse(bytes, file.toString());
    if (ExternalData.uses(proto)) {
      Path dir = file.toAbsolutePath().getParent();
      proto = ExternalData.inline(proto, dir);
    }
    return new OnnxModel(proto, file.toString());
  }

  /** Parses and checks a serialised model. {@code source} names it in error messages. */
  public static OnnxModel fromBytes(byte[] bytes, String source) {
    ModelProto proto = parse(bytes, source);
    if (ExternalData.uses(proto)) {
      throw new ModelFormatException(source + " stores tensors in external files; load it from its file instead");
    }
    return new OnnxModel(proto, source);
  }

  /** Wraps an in-memory model (for example one built by a test or by the compiler). */
  public static OnnxModel of(ModelProto proto, String source) {
    validate(proto, source);
    return new OnnxModel(proto, source);
  }

  private static ModelProto parse(byte[] bytes, String source) {
    if (bytes.length == 0) {
      throw new ModelFormatException("Model file " + source + " is empty");
    }
    ModelProto proto;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(Integer.MAX_VALUE);
      in.setRecursionLimit(1000);
      proto = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelFormatException("Model file " + source + " is not a valid ONNX model"
          + " (truncated or corrupt: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ModelFormatException("Cannot read model file " + source + ": " + e.getMessage(), e);
    }
    validate(proto, source);
    return proto;
  }

  private static void validate(ModelProto proto, String source) {
    String problem = null;
    if (!proto.hasGraph()) {
      problem = "it contains no graph";
    } else if (proto.getIrVersion() <= 0) {
      problem = "it has no IR version";
    } else if (proto.getGraph().getNodeCount() == 0) {
      problem = "its graph has no nodes";
    } else if (proto.getGraph().getOutputCount() == 0) {
      problem = "its graph has no outputs";
    }
    if (problem != null) {
      throw new ModelFormatException("Model file " + source + " is not a valid ONNX model: " + problem
          + " (truncated, corrupt, or not an ONNX file)");
    }
  }

  public ModelProto proto() {
    return proto;
  }

  /** Where the model came from, for messages. */
  public String source() {
    return source;
  }

  public GraphView graph() {
    GraphView g = graphView;
    if (g == null) {
      g = new GraphView(proto.getGraph());
      graphView = g;
    }
    return g;
  }

  /** Opset version imported for {@code domain} ("" is the default ONNX domain), or 0. */
  public long opset(String domain) {
    for (OperatorSetIdProto o : proto.getOpsetImportList()) {
      String d = o.getDomain();
      if (d.equals(domain) || (domain.isEmpty() && d.equals("ai.onnx"))) {
        return o.getVersion();
      }
    }
    return 0;
  }

  public long defaultOpset() {
    return opset("");
  }

  public OnnxModel withProto(ModelProto newProto) {
    return new OnnxModel(newProto, source);
  }

  public byte[] toByteArray() {
    return proto.toByteArray();
  }

  /** Writes the model atomically: the file appears complete or not at all. */
  public void save(Path file) {
    AtomicFiles.write(file, proto::writeTo);
  }

  /** SHA-256 of the serialised model: identifies it in caches. */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        f = HexFormat.of().formatHex(md.digest(toByteArray()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      fingerprint = f;
    }
    return f;
  }

  @Override
  public String toString() {
    return "OnnxModel[" + source + "]";
  }
}
