package org.gradcam4j.onnx;

import java.util.Arrays;

/**
 * The shape of a tensor as learned for one input size. A dimension of {@link #BATCH} grows with the
 * batch size (it was seen to change between probe runs at two batch sizes); every other dimension
 * is fixed for the input size the shapes were learned for.
 */
public final class TensorShape {
  /** Marks a dimension that depends on the batch size. */
  public static final long BATCH = -1;

  private final long[] dims;

  public TensorShape(long... dims) {
    this.dims = dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public long dim(int axis) {
    return dims[axis < 0 ? axis + dims.length : axis];
  }

  public long[] dims() {
    return dims.clone();
  }

  public boolean isBatchDim(int axis) {
    return dim(axis) == BATCH;
  }

  public boolean hasBatchDims() {
    for (long d : dims) {
      if (d == BATCH) {
        return true;
      }
    }
    return false;
  }

  /** Number of elements; only for shapes without batch-dependent dimensions. */
  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      if (d == BATCH) {
        throw new IllegalStateException("shape " + this + " depends on the batch size");
      }
      n *= d;
    }
    return n;
  }

  /** Product of the dimensions from {@code from} (inclusive) on; must be static there. */
  public long elementCountFrom(int from) {
    long n = 1;
    for (int i = from; i < dims.length; i++) {
      if (dims[i] == BATCH) {
        throw new IllegalStateException("shape " + this + " depends on the batch size after axis " + from);
      }
      n *= dims[i];
    }
    return n;
  }

  /** The concrete shape for a given batch size. */
  public long[] forBatch(long batch) {
    long[] d = dims.clone();
    for (int i = 0; i < d.length; i++) {
      if (d[i] == BATCH) {
        d[i] = batch;
      }
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorShape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? "," : "").append(dims[i] == BATCH ? "N" : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }
}
