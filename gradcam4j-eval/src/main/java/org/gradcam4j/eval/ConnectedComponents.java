package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The 8-connected components of a binary image, found by breadth-first filling. Used to keep the
 * largest regions of a thresholded map (localisation keeps one, segmentation a few).
 *
 * <p>Components are ordered from the largest; equally large ones by their first pixel in row-major
 * order, so the result never depends on anything but the pixels.
 */
public final class ConnectedComponents {
  /**
   * One component.
   *
   * @param first index ({@code y * width + x}) of its first pixel in row-major order
   * @param size number of pixels
   * @param minX leftmost column
   * @param minY top row
   * @param maxX rightmost column
   * @param maxY bottom row
   */
  public record Component(int id, int first, int size, int minX, int minY, int maxX, int maxY) {}

  private final int width;
  private final int[] label;
  private final List<Component> components;

  private ConnectedComponents(int width, int[] label, List<Component> components) {
    this.width = width;
    this.label = label;
    this.components = components;
  }

  /** Labels the pixels where {@code inside} is true ({@code inside[y * width + x]}). */
  public static ConnectedComponents of(boolean[] inside, int width, int height) {
    if (width <= 0 || height <= 0 || inside.length != width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + width * height
          + " pixels, got " + inside.length);
    }
    int n = inside.length;
    int[] label = new int[n];
    int[] queue = new int[n];
    List<Component> found = new ArrayList<>();
    for (int start = 0; start < n; start++) {
      if (label[start] != 0 || !inside[start]) {
        continue;
      }
      int id = found.size() + 1;
      int head = 0;
      int tail = 0;
      queue[tail++] = start;
      label[start] = id;
      int minX = width;
      int minY = height;
      int maxX = -1;
      int maxY = -1;
      while (head < tail) {
        int p = queue[head++];
        int px = p % width;
        int py = p / width;
        minX = Math.min(minX, px);
        maxX = Math.max(maxX, px);
        minY = Math.min(minY, py);
        maxY = Math.max(maxY, py);
        for (int ny = Math.max(0, py - 1); ny <= Math.min(height - 1, py + 1); ny++) {
          for (int nx = Math.max(0, px - 1); nx <= Math.min(width - 1, px + 1); nx++) {
            int q = ny * width + nx;
            if (label[q] == 0 && inside[q]) {
              label[q] = id;
              queue[tail++] = q;
            }
          }
        }
      }
      found.add(new Component(id, start, tail, minX, minY, maxX, maxY));
    }
    // Stable sort: equally large components stay in the order of their first pixels.
    found.sort(Comparator.comparingInt(Component::size).reversed());
    return new ConnectedComponents(width, label, List.copyOf(found));
  }

  /** The components, largest first. */
  public List<Component> components() {
    return components;
  }

  /** The pixels of the {@code k} largest components ({@code k <= 0}: all of them). */
  public boolean[] largest(int k) {
    int keep = k <= 0 ? components.size() : Math.min(k, components.size());
    boolean[] kept = new boolean[components.size() + 1];
    for (int i = 0; i < keep; i++) {
      kept[components.get(i).id()] = true;
    }
    boolean[] out = new boolean[label.length];
    for (int i = 0; i < label.length; i++) {
      out[i] = kept[label[i]];
    }
    return out;
  }

  /** Width of the labelled image. */
  public int width() {
    return width;
  }
}
