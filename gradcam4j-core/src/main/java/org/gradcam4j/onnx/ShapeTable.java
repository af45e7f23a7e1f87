package org.gradcam4j.onnx;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;

/**
 * Element type and shape of every tensor of a graph, for one input size (see
 * {@link org.gradcam4j.runtime.ShapeProbe}).
 */
public final class ShapeTable {
  /** What is known about one tensor. */
  public record Entry(DataType type, TensorShape shape) {}

  private final Map<String, Entry> entries;
  private final boolean batchGeneric;
  private final boolean batchDimsAreBatchSize;

  /**
   * @param batchGeneric whether {@link TensorShape#BATCH} marks the batch-dependent dimensions
   * @param batchDimsAreBatchSize whether every such dimension equals the batch size (not a multiple
   *     of it), so that {@link #forBatch} can fill them in
   */
  public ShapeTable(Map<String, Entry> entries, boolean batchGeneric, boolean batchDimsAreBatchSize) {
    this.entries = Collections.unmodifiableMap(new HashMap<>(entries));
    this.batchGeneric = batchGeneric;
    this.batchDimsAreBatchSize = batchDimsAreBatchSize;
  }

  /**
   * These shapes for one batch size: every batch-dependent dimension set to {@code n}. Empty when
   * some batch-dependent dimension is not the batch size itself (twice it, say).
   */
  public Optional<ShapeTable> forBatch(long n) {
    if (!batchGeneric) {
      return Optional.of(this);
    }
    if (!batchDimsAreBatchSize) {
      return Optional.empty();
    }
    Map<String, Entry> fixed = new HashMap<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      long[] dims = e.getValue().shape().dims();
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] == TensorShape.BATCH) {
          dims[i] = n;
        }
      }
      fixed.put(e.getKey(), new Entry(e.getValue().type(), new TensorShape(dims)));
    }
    return Optional.of(new ShapeTable(fixed, false, true));
  }

  /**
   * True when batch-dependent dimensions were identified, so a graph compiled from these shapes
   * runs at any batch size; false when the shapes hold for one batch size only.
   */
  public boolean batchGeneric() {
    return batchGeneric;
  }

  public boolean contains(String tensor) {
    return entries.containsKey(tensor);
  }

  public Entry entry(String tensor) {
    Entry e = entries.get(tensor);
    if (e == null) {
      throw new GradCamException("No shape is known for tensor '" + tensor + "'");
    }
    return e;
  }

  public TensorShape shape(String tensor) {
    return entry(tensor).shape();
  }

  public DataType type(String tensor) {
    return entry(tensor).type();
  }

  public Map<String, Entry> entries() {
    return entries;
  }
}
