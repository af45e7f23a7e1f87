package org.gradcam4j.onnx;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.gradcam4j.GradCamException;

/**
 * Element type and shape of every tensor of a graph, for one input size (see
 * {@link org.gradcam4j.runtime.ShapeProbe}).
 */
public final class ShapeTable {
  /** What is known about one tensor. */
  public record Entry(DataType type, TensorShape shape) {}

  private final Map<String, Entry> entries;
  private final boolean batchGeneric;

  public ShapeTable(Map<String, Entry> entries, boolean batchGeneric) {
    this.entries = Collections.unmodifiableMap(new HashMap<>(entries));
    this.batchGeneric = batchGeneric;
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
