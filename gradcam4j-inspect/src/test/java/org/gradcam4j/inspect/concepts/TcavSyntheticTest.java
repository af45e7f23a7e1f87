package org.gradcam4j.inspect.concepts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.train.DemoModel;
import org.gradcam4j.train.ShapesCnn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCAV on the synthetic benchmark with the built-in demo model, which tells the shapes apart by their
 * outline: for the class "star", stars drawn alone on a plain background (a concept the model uses)
 * must score significantly, and a "concept" of random images (of every class, like the random sets) must
 * not.
 */
class TcavSyntheticTest {
  private static final SyntheticDataset DATA = new SyntheticDataset(77);
  private static final int STAR = TargetShape.STAR.label();
  /**
   * The fourth block's ReLU (96 x 16 x 16). Not the last block ("features"): after it come only global
   * average pooling and a linear layer, so the class score's gradient there is the same for every image
   * and every TCAV score is 0 or 1.
   */
  private static final String LAYER = "relu4";

  @TempDir
  static Path tmp;

  private static Path classDir;
  private static Path starDir;
  private static Path randomConceptDir;
  private static Path poolDir;

  /**
   * Star images on the benchmark's cluttered backgrounds (the class), stars drawn alone on a plain
   * background (the concept), and images of every class on plain backgrounds (the random pool, and a
   * "concept" drawn the same way as it), from disjoint index ranges.
   */
  @BeforeAll
  static void drawFolders() throws Exception {
    classDir = write("class-star", 0, 30, i -> DATA.labelOf(i) == STAR, DATA::sample);
    starDir = write("concept-star", 100_000, 30, i -> DATA.labelOf(i) == STAR, DATA::easySample);
    randomConceptDir = write("concept-random", 200_000, 30, i -> true, DATA::easySample);
    poolDir = write("random", 300_000, 120, i -> true, DATA::easySample);
  }

  private static Tcav.Result run(String layer, boolean channelMeans) {
    Map<String, ImageFolder> concepts = new LinkedHashMap<>();
    concepts.put("star", ImageFolder.of(starDir));
    concepts.put("random-images", ImageFolder.of(randomConceptDir));
    Preprocessing pre = DemoModel.card().orElseThrow().preprocessing().toPreprocessing();
    try (ModelRuntime runtime = new ModelRuntime(DemoModel.load(), 0)) {
      Tcav.Input in = new Tcav.Input(layer, ShapesCnn.LOGITS, STAR, "star", ImageFolder.of(classDir),
          concepts, RandomImages.of(poolDir));
      return Tcav.run(runtime, pre, in, new Tcav.Settings(10, 0.01, 0.05, 1, 32, channelMeans), BatchProgress.NONE);
    }
  }

  @Test
  void theShapeItselfScoresSignificantlyAndRandomImagesDoNot() {
    Tcav.Result r = run(LAYER, false);
    System.out.print(TcavView.table(r));
    Tcav.ConceptResult star = r.concepts().get(0);
    Tcav.ConceptResult random = r.concepts().get(1);
    assertThat(star.significant()).isTrue();
    assertThat(star.scores().mean()).as("stars raise the star score for nearly every star image").isGreaterThan(0.85);
    assertThat(star.scores().mean()).isGreaterThan(r.baseline().mean() + 0.2);
    assertThat(random.significant()).isFalse();
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void aLayerInWhichTheScoreIsLinearGetsANote() {
    Tcav.Result r = run(ShapesCnn.FEATURES, false);
    assertThat(r.notes()).singleElement().asString().contains("same way for every image", "choose an earlier layer");
    for (Tcav.ConceptResult c : r.concepts()) {
      for (double s : c.scores().scores()) {
        assertThat(s).isIn(0.0, 1.0);
      }
    }
  }

  /** The first {@code count} images from index {@code from} on that {@code keep} accepts, as PNGs. */
  private static Path write(String name, long from, int count, IntPredicate keep, LongFunction<LabelledImage> draw)
      throws Exception {
    Path dir = tmp.resolve(name);
    int written = 0;
    for (long i = from; written < count; i++) {
      if (keep.test((int) i)) {
        PngWriter.write(dir.resolve(String.format("%06d.png", i)), draw.apply(i).image());
        written++;
      }
    }
    return dir;
  }
}
