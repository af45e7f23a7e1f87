package org.gradcam4j.inspect.filters;

/** How kernel weights become grey levels. */
public enum FilterScale {
  /** Each filter spans 0..255 on its own minimum and maximum (all its input channels together): shapes stand out. */
  PER_FILTER,
  /** One minimum and maximum over the whole layer: strong and weak filters can be compared. */
  SHARED;

  @Override
  public String toString() {
    return this == PER_FILTER ? "per-filter" : "shared";
  }
}
