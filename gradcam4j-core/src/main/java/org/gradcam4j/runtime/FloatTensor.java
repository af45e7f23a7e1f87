package org.gradcam4j.runtime;

import java.util.Arrays;

/** A dense float32 tensor in row-major (C) order, held on the Java heap. */
public record FloatTensor(long[] shape, float[] data) {
  public FloatTensor {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  public static FloatTensor zeros(long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return new FloatTensor(shape, new float[Math.toIntExact(n)]);
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int axis) {
    return shape[axis < 0 ? axis + shape.length : axis];
  }

  /** Size of one item along the first axis (the per-sample size of a batched tensor). */
  public int itemSize() {
    return shape.length == 0 ? 1 : data.length / Math.toIntExact(Math.max(1, shape[0]));
  }

  /** The {@code i}-th item along the first axis, copied, without the batch axis. */
  public FloatTensor item(int i) {
    int size = itemSize();
    return new FloatTensor(Arrays.copyOfRange(shape, 1, shape.length),
        Arrays.copyOfRange(data, i * size, (i + 1) * size));
  }

  /** Stacks equally shaped tensors along a new first axis. */
  public static FloatTensor stack(java.util.List<FloatTensor> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack");
    }
    long[] itemShape = items.get(0).shape();
    int size = items.get(0).data().length;
    float[] out = new float[size * items.size()];
    for (int i = 0; i < items.size(); i++) {
      FloatTensor t = items.get(i);
      if (!Arrays.equals(t.shape(), itemShape)) {
        throw new IllegalArgumentException("cannot stack shapes " + Arrays.toString(itemShape)
            + " and " + Arrays.toString(t.shape()));
      }
      System.arraycopy(t.data(), 0, out, i * size, size);
    }
    long[] shape = new long[itemShape.length + 1];
    shape[0] = items.size();
    System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
    return new FloatTensor(shape, out);
  }

  /**
   * Items {@code from} (inclusive) to {@code to} (exclusive) along the first axis, followed by copies of
   * item {@code to - 1} up to {@code size} items: how a model that takes batches of a fixed size gets
   * the last, incomplete batch of a run. With {@code size == to - from} it is a plain slice.
   */
  public FloatTensor paddedSlice(int from, int to, int size) {
    if (from < 0 || to <= from || to > dim(0) || size < to - from) {
      throw new IllegalArgumentException("cannot take items " + from + ".." + to + " of " + this + " padded to "
          + size);
    }
    int per = itemSize();
    float[] part = new float[size * per];
    System.arraycopy(data, from * per, part, 0, (to - from) * per);
    for (int j = to - from; j < size; j++) {
      System.arraycopy(data, (to - 1) * per, part, j * per, per);
    }
    long[] s = shape.clone();
    s[0] = size;
    return new FloatTensor(s, part);
  }

  /** Concatenates tensors along their first axis. */
  public static FloatTensor concat(java.util.List<FloatTensor> pieces) {
    long n = 0;
    int total = 0;
    for (FloatTensor t : pieces) {
      n += t.dim(0);
      total += t.data().length;
    }
    float[] data = new float[total];
    int offset = 0;
    for (FloatTensor t : pieces) {
      System.arraycopy(t.data(), 0, data, offset, t.data().length);
      offset += t.data().length;
    }
    long[] shape = pieces.get(0).shape().clone();
    shape[0] = n;
    return new FloatTensor(shape, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
