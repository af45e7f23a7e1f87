package org.gradcam4j.inspect.patches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k best (image, y, x) of each channel, kept while the images stream past: per image a channel
 * offers only its peak (its first maximum in row-major order), so that the k patches come from k
 * different images; a bounded heap per channel keeps the k highest peaks (ties: the earlier image).
 * Memory is channels x k entries, whatever the number of images.
 */
public final class TopUnits {
  /** A unit's activation on one image. */
  public record Hit(int image, int y, int x, float value) {}

  /** Better first: higher value, then earlier image. */
  public static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble((Hit h) -> -h.value()).thenComparingInt(Hit::image);

  private final int k;
  private final List<PriorityQueue<Hit>> heaps = new ArrayList<>();

  public TopUnits(int channels, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    this.k = k;
    for (int c = 0; c < channels; c++) {
      // The head is the worst kept hit, the one to drop when a better one comes.
      heaps.add(new PriorityQueue<>(k + 1, BEST_FIRST.reversed()));
    }
  }

  /** Offers one image's activations of every channel: {@code data} from {@code offset}, [C, h, w]. */
  public void offer(int image, float[] data, int offset, int h, int w) {
    int plane = h * w;
    for (int c = 0; c < heaps.size(); c++) {
      int base = offset + c * plane;
      int best = 0;
      float max = data[base];
      for (int i = 1; i < plane; i++) {
        if (data[base + i] > max) {
          max = data[base + i];
          best = i;
        }
      }
      PriorityQueue<Hit> heap = heaps.get(c);
      if (heap.size() < k) {
        heap.add(new Hit(image, best / w, best % w, max));
      } else if (max > heap.peek().value()) {
        heap.poll();
        heap.add(new Hit(image, best / w, best % w, max));
      }
    }
  }

  /** A channel's kept hits, best first. */
  public List<Hit> best(int channel) {
    List<Hit> list = new ArrayList<>(heaps.get(channel));
    list.sort(BEST_FIRST);
    return list;
  }

  /** The mean of a channel's kept values: how strongly its best images drive it. */
  public double score(int channel) {
    return heaps.get(channel).stream().mapToDouble(Hit::value).average().orElse(Double.NEGATIVE_INFINITY);
  }

  public int channels() {
    return heaps.size();
  }
}
