package org.gradcam4j.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/** Conversions between ONNX {@link TensorProto}s and Java arrays. */
public final class Tensors {
  private Tensors() {}

  public static TensorProto floats(String name, long[] dims, float[] data) {
    checkCount(name, dims, data.length);
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(DataType.FLOAT.code())
        .addAllDims(asList(dims))
        .setRawData(ByteString.copyFrom(buf.array()))
        .build();
  }

  public static TensorProto int64s(String name, long[] dims, long[] data) {
    checkCount(name, dims, data.length);
    ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asLongBuffer().put(data);
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(DataType.INT64.code())
        .addAllDims(asList(dims))
        .setRawData(ByteString.copyFrom(buf.array()))
        .build();
  }

  public static long[] dims(TensorProto t) {
    long[] d = new long[t.getDimsCount()];
    for (int i = 0; i < d.length; i++) {
      d[i] = t.getDims(i);
    }
    return d;
  }

  public static long elementCount(TensorProto t) {
    long n = 1;
    for (long d : t.getDimsList()) {
      n *= d;
    }
    return n;
  }

  /** The values of a floating-point or integer tensor as floats. */
  public static float[] toFloats(TensorProto t) {
    DataType type = DataType.of(t.getDataType());
    int n = Math.toIntExact(elementCount(t));
    float[] out = new float[n];
    if (t.hasRawData()) {
      ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        out[i] = switch (type) {
          case FLOAT -> raw.getFloat();
          case DOUBLE -> (float) raw.getDouble();
          case FLOAT16 -> halfToFloat(raw.getShort());
          case INT64 -> raw.getLong();
          case INT32 -> raw.getInt();
          case INT8, UINT8, BOOL -> type == DataType.UINT8 || type == DataType.BOOL
              ? raw.get() & 0xff : raw.get();
          default -> throw unsupported(t, type);
        };
      }
      return out;
    }
    switch (type) {
      case FLOAT -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getFloatData(i);
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) t.getDoubleData(i);
        }
      }
      case INT64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getInt64Data(i);
        }
      }
      case INT32, INT8, UINT8, INT16, UINT16, BOOL -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getInt32Data(i);
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat((short) t.getInt32Data(i));
        }
      }
      default -> throw unsupported(t, type);
    }
    return out;
  }

  /** The values of an integer tensor as longs. */
  public static long[] toLongs(TensorProto t) {
    DataType type = DataType.of(t.getDataType());
    int n = Math.toIntExact(elementCount(t));
    long[] out = new long[n];
    if (t.hasRawData()) {
      ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        out[i] = switch (type) {
          case INT64, UINT64 -> raw.getLong();
          case INT32 -> raw.getInt();
          case UINT32 -> raw.getInt() & 0xffffffffL;
          case INT16 -> raw.getShort();
          case UINT16 -> raw.getShort() & 0xffff;
          case INT8 -> raw.get();
          case UINT8, BOOL -> raw.get() & 0xff;
          default -> throw unsupported(t, type);
        };
      }
      return out;
    }
    switch (type) {
      case INT64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getInt64Data(i);
        }
      }
      case UINT64, UINT32 -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getUint64Data(i);
        }
      }
      case INT32, INT16, UINT16, INT8, UINT8, BOOL -> {
        for (int i = 0; i < n; i++) {
          out[i] = t.getInt32Data(i);
        }
      }
      default -> throw unsupported(t, type);
    }
    return out;
  }

  /** IEEE 754 half precision to float (Java 17 has no built-in conversion). */
  static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  private static ModelFormatException unsupported(TensorProto t, DataType type) {
    return new ModelFormatException(
        "Tensor '" + t.getName() + "' has element type " + type + ", which cannot be read here");
  }

  private static void checkCount(String name, long[] dims, int count) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    if (n != count) {
      throw new IllegalArgumentException(
          "tensor " + name + ": " + count + " values do not fill shape " + java.util.Arrays.toString(dims));
    }
  }

  private static java.util.List<Long> asList(long[] dims) {
    java.util.List<Long> l = new java.util.ArrayList<>(dims.length);
    for (long d : dims) {
      l.add(d);
    }
    return l;
  }
}
