package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gradcam4j.io.Npy;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

class MapOpsTest {
  @Test
  void normalizeScalesToZeroOne() {
    float[] n = MapOps.normalize(new float[] {3, 1, 5});
    assertThat(n[1]).isZero();
    assertThat(n[0]).isCloseTo(0.5f, within(1e-6f));
    assertThat(n[2]).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void epsilonDampsTinyRanges() {
    // (1e-7 - 0) / (1e-7 + 1e-7): a map that is nearly flat is not blown up to full range
    assertThat(MapOps.normalize(new float[] {0, 1e-7f})[1]).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void constantMapsBecomeZero() {
    assertThat(MapOps.normalize(new float[] {0, 0, 0})).containsExactly(0, 0, 0);
    assertThat(MapOps.normalize(new float[] {7, 7})).containsExactly(0, 0);
    assertThat(MapOps.normalize(new float[0])).isEmpty();
  }

  @Test
  void bilinearResizeAlignsPixelCentresAndClampsAtTheEdges() {
    // 2x2 -> 4x4: source coordinates -0.25 (clamped), 0.25, 0.75, 1.25 (clamped) on both axes
    float[] out = MapOps.resizeBilinear(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
    assertThat(out).containsExactly(
        0f, 0.25f, 0.75f, 1f,
        0.5f, 0.75f, 1.25f, 1.5f,
        1.5f, 1.75f, 2.25f, 2.5f,
        2f, 2.25f, 2.75f, 3f);
  }

  @Test
  void bilinearShrinkDoesNotAntialias() {
    // 4 -> 2: source coordinates 0.5 and 2.5, i.e. the mean of two neighbours, not of all four
    float[] out = MapOps.resizeBilinear(new float[] {0, 10, 20, 1000}, 1, 4, 1, 2);
    assertThat(out).containsExactly(5f, 510f);
  }

  @Test
  void sameSizeResizeIsIdentity() {
    float[] map = {1, 2, 3, 4, 5, 6};
    assertThat(MapOps.resizeBilinear(map, 2, 3, 2, 3)).containsExactly(map);
  }

  @Test
  void scaleCamOfZeroIsZero() {
    assertThat(MapOps.scaleCam(new float[49], 7, 7, 224, 224)).containsOnly(0f);
  }

  @Test
  void scaleCamReproducesPytorchGradCamReturnedMaps() throws IOException {
    Path maps = SharedData.reference("maps");
    List<Path> lowres;
    try (Stream<Path> files = Files.walk(maps)) {
      lowres = files.filter(p -> p.getFileName().toString().endsWith(".lowres.npy"))
          .filter(p -> Files.exists(inres(p))).sorted().collect(Collectors.toList());
    }
    assertThat(lowres).as("lowres maps with a stored inres map").isNotEmpty();
    for (Path low : lowres) {
      Npy.Array cam = Npy.read(low);
      Npy.Array expected = Npy.read(inres(low));
      int h = (int) cam.shape()[0];
      int w = (int) cam.shape()[1];
      float[] actual = MapOps.scaleCam(cam.data(), h, w, 224, 224);
      float worst = 0;
      for (int i = 0; i < actual.length; i++) {
        worst = Math.max(worst, Math.abs(actual[i] - expected.data()[i]));
      }
      assertThat(worst).as("max |difference| for %s", low.getFileName()).isLessThanOrEqualTo(1e-6f);
    }
  }

  private static Path inres(Path lowres) {
    String name = lowres.getFileName().toString();
    return lowres.resolveSibling(name.replace(".lowres.npy", ".inres.npy"));
  }
}
