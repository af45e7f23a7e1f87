package org.gradcam4j.onnx;

/** ONNX tensor element types, numbered as in the ONNX specification. */
public enum DataType {
  UNDEFINED(0, 0),
  FLOAT(1, 4),
  UINT8(2, 1),
  INT8(3, 1),
  UINT16(4, 2),
  INT16(5, 2),
  INT32(6, 4),
  INT64(7, 8),
  STRING(8, 0),
  BOOL(9, 1),
  FLOAT16(10, 2),
  DOUBLE(11, 8),
  UINT32(12, 4),
  UINT64(13, 8),
  COMPLEX64(14, 8),
  COMPLEX128(15, 16),
  BFLOAT16(16, 2);

  private final int code;
  private final int byteSize;

  DataType(int code, int byteSize) {
    this.code = code;
    this.byteSize = byteSize;
  }

  public int code() {
    return code;
  }

  /** Bytes per element in {@code raw_data}; 0 for variable-size types. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT || this == DOUBLE || this == FLOAT16 || this == BFLOAT16;
  }

  public static DataType of(int code) {
    for (DataType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return UNDEFINED;
  }
}
