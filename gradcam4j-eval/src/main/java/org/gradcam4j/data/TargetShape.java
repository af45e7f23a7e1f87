package org.gradcam4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The classes of the synthetic benchmark: filled shapes chosen to stay distinguishable from one
 * another at 15-35 pixels and under any rotation (no hexagon, for instance: at that size it is a
 * circle). The ordinal is the class index.
 *
 * <p>Each shape is defined by an exact inside test. It is normalised once so that its centroid is the
 * origin and it just fits the unit disc; {@link #contains(double, double)} answers in that unit frame.
 */
public enum TargetShape {
  /** A filled disc. */
  CIRCLE((x, y) -> x * x + y * y <= 1),
  /** A filled square. */
  SQUARE((x, y) -> Math.abs(x) <= 1 && Math.abs(y) <= 1),
  /** A filled equilateral triangle. */
  TRIANGLE(Figures::equilateralTriangle),
  /** A five-pointed star whose inner corners lie at half the radius of its tips. */
  STAR(Polygon.star(5, 0.5)::contains),
  /** A plus sign: two crossed bars, each about a third as wide as it is long. */
  CROSS((x, y) -> (Math.abs(x) <= 1 && Math.abs(y) <= 0.32) || (Math.abs(x) <= 0.32 && Math.abs(y) <= 1)),
  /** An annulus whose hole has 55 % of the outer radius. */
  RING((x, y) -> {
    double r2 = x * x + y * y;
    return r2 <= 1 && r2 >= 0.55 * 0.55;
  }),
  /** A playing-card heart. */
  HEART(Figures::heart),
  /** An arrow: a shaft with a triangular head. */
  ARROW(Figures::arrow);

  /** The raw figure before normalisation, inside roughly [-1.5, 1.5]^2. */
  @FunctionalInterface
  private interface Figure {
    boolean contains(double x, double y);
  }

  // The normalisation is measured on a fine grid. A few grid steps are added to the radius so that
  // even sharp tips, which the grid may miss, stay inside the unit disc.
  private static final double SCAN_HALF_WIDTH = 2;
  private static final int SCAN_STEPS = 800;

  private final Figure figure;
  private final double centreX;
  private final double centreY;
  private final double scale;
  private final double unitArea;

  TargetShape(Figure figure) {
    this.figure = figure;
    double step = 2 * SCAN_HALF_WIDTH / SCAN_STEPS;
    double sumX = 0;
    double sumY = 0;
    long inside = 0;
    for (int j = 0; j < SCAN_STEPS; j++) {
      double y = -SCAN_HALF_WIDTH + (j + 0.5) * step;
      for (int i = 0; i < SCAN_STEPS; i++) {
        double x = -SCAN_HALF_WIDTH + (i + 0.5) * step;
        if (figure.contains(x, y)) {
          sumX += x;
          sumY += y;
          inside++;
        }
      }
    }
    // Centred on the centroid: it is the centre of symmetry where there is one, so rotating the
    // shape spins it in place.
    this.centreX = sumX / inside;
    this.centreY = sumY / inside;
    double radius2 = 0;
    for (int j = 0; j < SCAN_STEPS; j++) {
      double y = -SCAN_HALF_WIDTH + (j + 0.5) * step;
      for (int i = 0; i < SCAN_STEPS; i++) {
        double x = -SCAN_HALF_WIDTH + (i + 0.5) * step;
        if (figure.contains(x, y)) {
          double dx = x - centreX;
          double dy = y - centreY;
          radius2 = Math.max(radius2, dx * dx + dy * dy);
        }
      }
    }
    this.scale = Math.sqrt(radius2) + 2 * step;
    this.unitArea = inside * step * step / (scale * scale);
  }

  /** Lower-case name used in files and captions, e.g. {@code "star"}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Class index (the ordinal). */
  public int label() {
    return ordinal();
  }

  /** The shape of a class index; fails with a clear message on an unknown index. */
  public static TargetShape ofLabel(int label) {
    TargetShape[] all = values();
    if (label < 0 || label >= all.length) {
      throw new IllegalArgumentException("no shape class " + label + "; classes are 0.." + (all.length - 1));
    }
    return all[label];
  }

  /** Display names in class-index order. */
  public static List<String> displayNames() {
    List<String> names = new ArrayList<>();
    for (TargetShape s : values()) {
      names.add(s.displayName());
    }
    return Collections.unmodifiableList(names);
  }

  /** Exact inside test in the unit frame: centred on the shape's centroid, fitting the unit disc. */
  public boolean contains(double u, double v) {
    return figure.contains(centreX + u * scale, centreY + v * scale);
  }

  /** Area of the shape in the unit frame (pi for the circle). */
  public double unitArea() {
    return unitArea;
  }

  /**
   * How much larger than the circle this shape is drawn for the same nominal size: halfway (in log
   * scale) between equal extent and equal area, so that neither the box size nor the pixel count of an
   * object gives its class away.
   */
  double sizeFactor() {
    return Math.sqrt(Math.sqrt(CIRCLE.unitArea / unitArea));
  }

}
