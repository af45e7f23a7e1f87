package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Random;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;

/** SLIC superpixels and the grid: connected segments, about the requested number, edges followed. */
class SegmentationTest {
  private static final int SIZE = 64;

  /** A two-colour image: a disc of one colour on a background of another, with a little noise. */
  private static float[] disc(int cx, int cy, int radius, long seed) {
    Random r = new Random(seed);
    float[] image = new float[3 * SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        boolean inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
        float[] colour = inside ? new float[] {2f, -1f, 0.5f} : new float[] {-1.5f, 1f, -0.5f};
        for (int c = 0; c < 3; c++) {
          image[c * SIZE * SIZE + y * SIZE + x] = colour[c] + 0.05f * (float) r.nextGaussian();
        }
      }
    }
    return image;
  }

  private static boolean inside(int x, int y) {
    return (x - 30) * (x - 30) + (y - 27) * (y - 27) <= 17 * 17;
  }

  /** Each label forms exactly one 4-connected region, found by a flood fill from its first pixel. */
  private static void assertConnected(Segmentation s) {
    int[] sizes = s.sizes();
    boolean[] seen = new boolean[s.count()];
    int w = s.width();
    for (int start = 0; start < s.labels().length; start++) {
      int label = s.labels()[start];
      if (seen[label]) {
        continue;
      }
      seen[label] = true;
      boolean[] visited = new boolean[s.labels().length];
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(start);
      visited[start] = true;
      int reached = 0;
      while (!queue.isEmpty()) {
        int p = queue.poll();
        reached++;
        int y = p / w;
        int x = p % w;
        int[] around = {y > 0 ? p - w : -1, y < s.height() - 1 ? p + w : -1, x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1};
        for (int q : around) {
          if (q >= 0 && !visited[q] && s.labels()[q] == label) {
            visited[q] = true;
            queue.add(q);
          }
        }
      }
      assertThat(reached).as("segment %d is one connected region", label).isEqualTo(sizes[label]);
    }
    for (int k = 0; k < s.count(); k++) {
      assertThat(sizes[k]).as("segment %d is used", k).isPositive();
    }
  }

  @Test
  void slicSegmentsAreConnectedAndAboutAsManyAsAskedFor() {
    for (int segments : new int[] {10, 25, 50, 100}) {
      Segmentation s = Segmentation.of(Segmentation.Kind.SLIC, disc(30, 27, 17, segments), 3, SIZE, SIZE, segments, 10f);
      assertConnected(s);
      assertThat(s.count()).as("for %d requested", segments).isBetween(segments / 2, segments * 3 / 2);
    }
  }

  @Test
  void onNoiseWhereColourScattersTheClustersSlicStillGivesAboutTheRequestedCount() {
    Random r = new Random(4);
    float[] noise = new float[3 * SIZE * SIZE];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = r.nextFloat() * 4 - 2;
    }
    Segmentation s = Segmentation.of(Segmentation.Kind.SLIC, noise, 3, SIZE, SIZE, 40, 10f);
    assertConnected(s);
    assertThat(s.count()).isBetween(20, 60);
    // No segment swallows the image: the largest holds at most a few cells' worth of pixels.
    assertThat(java.util.Arrays.stream(s.sizes()).max().orElseThrow()).isLessThan(4 * SIZE * SIZE / 40);
  }

  @Test
  void slicBoundariesFollowTheEdgeOfATwoColourImage() {
    // Every segment lies on one side of the disc's outline; a grid of the same size cuts across it.
    float[] image = disc(30, 27, 17, 1);
    Segmentation slic = Segmentation.of(Segmentation.Kind.SLIC, image, 3, SIZE, SIZE, 30, 10f);
    Segmentation grid = Segmentation.of(Segmentation.Kind.GRID, image, 3, SIZE, SIZE, 30, 10f);
    assertThat(misplaced(slic)).as("pixels on the wrong side of the edge in their segment, SLIC").isLessThan(0.01);
    assertThat(misplaced(grid)).as("the same for the grid, which ignores the edge").isGreaterThan(0.05);
  }

  /** The fraction of pixels whose side of the edge differs from the majority side of their segment. */
  private static double misplaced(Segmentation s) {
    int[] in = new int[s.count()];
    int[] sizes = s.sizes();
    for (int p = 0; p < s.labels().length; p++) {
      if (inside(p % SIZE, p / SIZE)) {
        in[s.labels()[p]]++;
      }
    }
    int wrong = 0;
    for (int k = 0; k < s.count(); k++) {
      wrong += Math.min(in[k], sizes[k] - in[k]);
    }
    return (double) wrong / s.labels().length;
  }

  @Test
  void aHighCompactnessOnANoiseImageGivesAlmostTheGrid() {
    // Colour says nothing on noise, so a compact SLIC keeps near its starting grid; a loose one does not.
    Random r = new Random(3);
    float[] image = new float[3 * SIZE * SIZE];
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) r.nextGaussian();
    }
    Segmentation compact = Segmentation.of(Segmentation.Kind.SLIC, image, 3, SIZE, SIZE, 36, 100f);
    Segmentation loose = Segmentation.of(Segmentation.Kind.SLIC, image, 3, SIZE, SIZE, 36, 1f);
    double grid = perimeter(Segmentation.grid(SIZE, SIZE, 36));
    assertThat(compact.count()).isBetween(30, 42);
    assertThat(perimeter(compact)).isLessThan(1.2 * grid);
    assertConnected(loose);
    assertThat(perimeter(loose) / loose.count()).isGreaterThan(perimeter(compact) / compact.count());
  }

  /** Number of horizontally or vertically adjacent pixel pairs in different segments. */
  private static double perimeter(Segmentation s) {
    int n = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int l = s.labels()[y * SIZE + x];
        n += x + 1 < SIZE && s.labels()[y * SIZE + x + 1] != l ? 1 : 0;
        n += y + 1 < SIZE && s.labels()[(y + 1) * SIZE + x] != l ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void theGridHasSquareCellsOfEqualSize() {
    Segmentation g = Segmentation.grid(12, 12, 10);
    assertThat(g.count()).isEqualTo(9);
    assertThat(g.sizes()).containsOnly(16);
    assertThat(g.labels()[0]).isEqualTo(0);
    assertThat(g.labels()[11 * 12 + 11]).isEqualTo(8);
    assertThat(g.labels()[4 * 12 + 3]).isEqualTo(3);
    assertConnected(g);
  }

  @Test
  void maskFillsTheRemovedSegmentsInEveryChannel() {
    Segmentation g = Segmentation.grid(4, 4, 4);
    float[] image = new float[2 * 16];
    for (int i = 0; i < image.length; i++) {
      image[i] = i;
    }
    float[] out = new float[image.length];
    g.mask(image, 2, new boolean[] {true, false, true, true}, -7f, out, 0);
    for (int c = 0; c < 2; c++) {
      for (int p = 0; p < 16; p++) {
        boolean removed = p / 4 < 2 && p % 4 >= 2;
        assertThat(out[c * 16 + p]).isEqualTo(removed ? -7f : image[c * 16 + p]);
      }
    }
  }

  @Test
  void badSegmentCountsAreRefused() {
    assertThatThrownBy(() -> Segmentation.of(Segmentation.Kind.SLIC, new float[3 * 16], 3, 4, 4, 0, 10f))
        .isInstanceOf(GradCamException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Segmentation.of(Segmentation.Kind.GRID, new float[3 * 16], 3, 4, 4, 17, 10f))
        .isInstanceOf(GradCamException.class).hasMessageContaining("17 segments");
  }
}
