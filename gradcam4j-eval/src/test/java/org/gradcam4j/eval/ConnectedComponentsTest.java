package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  @Test
  void diagonalNeighboursAreConnected() {
    // x . .
    // . x .
    // . . x    one component of three pixels
    boolean[] in = {true, false, false, false, true, false, false, false, true};
    ConnectedComponents c = ConnectedComponents.of(in, 3, 3);
    assertThat(c.components()).hasSize(1);
    assertThat(c.components().get(0).size()).isEqualTo(3);
  }

  @Test
  void keepsTheLargestAndBreaksTiesByTheFirstPixel() {
    int w = 10;
    int h = 6;
    boolean[] big = TestImages.rect(w, h, 5, 0, 10, 4); // 20 pixels, starts at (5, 0)
    boolean[] tieA = TestImages.rect(w, h, 0, 0, 2, 2); // 4 pixels, starts at (0, 0)
    boolean[] tieB = TestImages.rect(w, h, 0, 4, 2, 6); // 4 pixels, starts at (0, 4)
    boolean[] in = new boolean[w * h];
    for (int i = 0; i < in.length; i++) {
      in[i] = big[i] || tieA[i] || tieB[i];
    }
    ConnectedComponents c = ConnectedComponents.of(in, w, h);
    assertThat(c.largest(1)).isEqualTo(big);
    boolean[] two = c.largest(2);
    for (int i = 0; i < in.length; i++) {
      assertThat(two[i]).isEqualTo(big[i] || tieA[i]);
    }
    assertThat(c.largest(0)).isEqualTo(in);
    assertThat(c.largest(7)).isEqualTo(in);
  }

  @Test
  void agreesWithUnionFindOnRandomMasks() {
    SplittableRandom random = new SplittableRandom(5);
    int w = 23;
    int h = 17;
    for (int trial = 0; trial < 30; trial++) {
      boolean[] in = new boolean[w * h];
      for (int i = 0; i < in.length; i++) {
        in[i] = random.nextDouble() < 0.35;
      }
      List<Integer> expected = unionFindSizes(in, w, h);
      List<Integer> actual = new ArrayList<>();
      ConnectedComponents.of(in, w, h).components().forEach(c -> actual.add(c.size()));
      assertThat(actual).isEqualTo(expected);
    }
  }

  /** Component sizes, largest first, by union-find over every pair of 8-neighbours. */
  private static List<Integer> unionFindSizes(boolean[] in, int w, int h) {
    int[] parent = new int[in.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx >= 0 && ny >= 0 && nx < w && ny < h && in[y * w + x] && in[ny * w + nx]) {
              parent[find(parent, y * w + x)] = find(parent, ny * w + nx);
            }
          }
        }
      }
    }
    int[] size = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        size[find(parent, i)]++;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int s : size) {
      if (s > 0) {
        out.add(s);
      }
    }
    out.sort((a, b) -> b - a);
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      i = parent[i];
    }
    return i;
  }
}
