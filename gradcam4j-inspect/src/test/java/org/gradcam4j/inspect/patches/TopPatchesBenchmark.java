package org.gradcam4j.inspect.patches;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.Resizing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a timed test (surefire does not pick it up by name): top-patches over a folder against the plain
 * batched forward pass of the same images, measured side by side, alternating, in one run:
 *
 * <pre>./mvnw -q -o -pl gradcam4j-inspect -am test -Dtest=TopPatchesBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.images=400</pre>
 */
class TopPatchesBenchmark {
  private static final String LAYER = "/features/features.18/features.18.2/Clip_output_0";

  @TempDir
  Path tmp;

  @Test
  void topPatchesAgainstThePlainForwardPass() throws Exception {
    Path shared = SharedData.root();
    assumeTrue(shared != null && Files.isDirectory(shared));
    int count = Integer.getInteger("bench.images", 400);
    int batch = Integer.getInteger("bench.batch", 16);
    Path dir = augmentedCopies(tmp.resolve("images"), count);
    Preprocessing pre = Preprocessing.preset("imagenet");
    ImageFolder folder = ImageFolder.of(dir);
    try (ModelRuntime runtime = new ModelRuntime(OnnxModel.load(SharedData.model(SharedData.MOBILENET_V2)), 0)) {
      LayerTensor layer = LayerTensor.resolve(runtime, LAYER, new long[] {1, 3, 224, 224});
      String score = runtime.defaultScoreTensor();
      // Warm-up: sessions built, code compiled.
      ImageFolder warm = ImageFolder.ofFiles(folder.files().subList(0, 2 * batch));
      plain(runtime, warm, pre, score, batch);
      TopPatches.run(runtime, warm, pre, layer, List.of(), 8, 9, batch, BatchProgress.NONE);
      double[] plainS = new double[2];
      double[] topS = new double[2];
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        plain(runtime, folder, pre, score, batch);
        plainS[round] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        TopPatches.run(runtime, folder, pre, layer, List.of(), 8, 9, batch, BatchProgress.NONE);
        topS[round] = (System.nanoTime() - t0) / 1e9;
      }
      double plainBest = Math.min(plainS[0], plainS[1]);
      double topBest = Math.min(topS[0], topS[1]);
      System.out.printf(Locale.ROOT, "images %d, batch %d, %d cores%n", count, batch,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "plain forward : %.1f s, %.1f s -> %.1f images/s (best)%n", plainS[0], plainS[1],
          count / plainBest);
      System.out.printf(Locale.ROOT, "top-patches   : %.1f s, %.1f s -> %.1f images/s (best)%n", topS[0], topS[1],
          count / topBest);
      System.out.printf(Locale.ROOT, "ratio top-patches / plain throughput: %.2f%n", plainBest / topBest);
    }
  }

  /** The same reading and batching as top-patches, then a plain forward pass to the scores. */
  private static void plain(ModelRuntime runtime, ImageFolder folder, Preprocessing pre, String score, int batch) {
    for (int from = 0; from < folder.size(); from += batch) {
      ImageFolder.Batch b = folder.read(from, Math.min(folder.size(), from + batch), pre);
      runtime.forward(b.input(), List.of(score));
    }
  }

  /** {@code count} PNGs: the shared photos cropped at random (70-100 % of a side), some mirrored, shorter side 256. */
  private static Path augmentedCopies(Path dir, int count) throws Exception {
    Files.createDirectories(dir);
    List<RgbImage> photos = new ArrayList<>();
    try (Stream<Path> s = Files.list(SharedData.image("chelsea.png").getParent())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg")).sorted().toList()) {
        photos.add(ImageDecoder.read(p));
      }
    }
    Random r = new Random(1);
    for (int i = 0; i < count; i++) {
      RgbImage src = photos.get(i % photos.size());
      double f = 0.7 + 0.3 * r.nextDouble();
      int w = Math.max(1, (int) (src.width() * f));
      int h = Math.max(1, (int) (src.height() * f));
      RgbImage im = Resizing.crop(src, r.nextInt(src.width() - w + 1), r.nextInt(src.height() - h + 1), w, h);
      if (r.nextBoolean()) {
        im = mirrored(im);
      }
      PngWriter.write(dir.resolve(String.format(Locale.ROOT, "im%05d.png", i)), Resizing.resizeShorterSide(im, 256));
    }
    return dir;
  }

  private static RgbImage mirrored(RgbImage im) {
    RgbImage out = RgbImage.blank(im.width(), im.height());
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < im.width(); x++) {
        for (int c = 0; c < 3; c++) {
          out.set(im.width() - 1 - x, y, c, im.get(x, y, c));
        }
      }
    }
    return out;
  }
}
