package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.MethodContext;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;

/**
 * A world where the right explanation is known: 32x32 images of dark clutter with one bright 8x8
 * square, and a model whose class is the quadrant the square is in. Its logits are
 * {@code 250 * mean over the quadrant of relu(w . rgb - 0.6)}, so only the square's pixels matter and a
 * perfect map is the square. Shared with the command-line tests.
 */
public final class SquareWorld {
  public static final int SIZE = 32;
  public static final int SQUARE = 8;
  public static final List<String> CLASSES = List.of("top-left", "top-right", "bottom-left", "bottom-right");
  private static final float GAIN = 250f;
  private static final float THRESHOLD = 0.6f;

  private SquareWorld() {}

  /** Input "image" [N, 3, 32, 32] with values in [0, 1]; output "logits" [N, 4]. */
  public static OnnxModel model() {
    GraphBuilder b = new GraphBuilder("squares", 17);
    String x = b.input("image", DataType.FLOAT, "N", 3L, (long) SIZE, (long) SIZE);
    String w = b.initializer("bright_w", new long[] {1, 3, 1, 1}, new float[] {0.3f, 0.34f, 0.36f});
    String bias = b.initializer("bright_b", new long[] {1}, new float[] {-THRESHOLD});
    String conv = b.node("Conv").inputs(x, w, bias).outputNamed("bright_pre");
    String bright = b.node("Relu").inputs(conv).outputNamed("bright");
    float[] masks = new float[4 * SIZE * SIZE];
    for (int q = 0; q < 4; q++) {
      for (int y = 0; y < SIZE; y++) {
        for (int xx = 0; xx < SIZE; xx++) {
          if (quadrant(xx, y) == q) {
            masks[q * SIZE * SIZE + y * SIZE + xx] = 1f;
          }
        }
      }
    }
    String q = b.initializer("quadrant_masks", new long[] {1, 4, SIZE, SIZE}, masks);
    String quadrants = b.node("Mul").inputs(bright, q).outputNamed("quadrants");
    String pooled = b.op("GlobalAveragePool", quadrants);
    String flat = b.node("Flatten").inputs(pooled).output();
    float[] fc = new float[16];
    for (int i = 0; i < 4; i++) {
      fc[i * 5] = GAIN;
    }
    String fcw = b.initializer("fc_w", new long[] {4, 4}, fc);
    String fcb = b.initializer("fc_b", new long[] {4}, new float[4]);
    String logits = b.node("Gemm").inputs(flat, fcw, fcb).attr("transB", 1L).outputNamed("logits");
    b.output(logits, DataType.FLOAT, "N", 4L);
    return OnnxModel.of(b.buildModel(), "squares");
  }

  static int quadrant(int x, int y) {
    return (x < SIZE / 2 ? 0 : 1) + (y < SIZE / 2 ? 0 : 2);
  }

  /** Values / 255, no mean or std, no resize or crop: the model sees [0, 1]. */
  public static Preprocessing preprocessing() {
    return new Preprocessing(0, 0, ChannelOrder.RGB, 255f, new float[3], new float[] {1, 1, 1});
  }

  /** Image {@code index}: class {@code index % 4}, the square somewhere inside that quadrant. */
  public static LabelledImage image(long seed, int index) {
    SplittableRandom rnd = new SplittableRandom(seed * 1000003L + index);
    int label = index % 4;
    RgbImage img = RgbImage.blank(SIZE, SIZE);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        for (int c = 0; c < 3; c++) {
          img.set(x, y, c, rnd.nextInt(110));
        }
      }
    }
    int x0 = (label % 2) * SIZE / 2 + 1 + rnd.nextInt(SIZE / 2 - SQUARE - 1);
    int y0 = (label / 2) * SIZE / 2 + 1 + rnd.nextInt(SIZE / 2 - SQUARE - 1);
    boolean[] mask = new boolean[SIZE * SIZE];
    for (int y = y0; y < y0 + SQUARE; y++) {
      for (int x = x0; x < x0 + SQUARE; x++) {
        for (int c = 0; c < 3; c++) {
          img.set(x, y, c, 225 + rnd.nextInt(31));
        }
        mask[y * SIZE + x] = true;
      }
    }
    AnnotatedObject object = new AnnotatedObject(CLASSES.get(label), label,
        new Box(x0, y0, x0 + SQUARE, y0 + SQUARE), new Mask(SIZE, SIZE, mask));
    return new LabelledImage(img, List.of(object));
  }

  public static List<LabelledImage> images(long seed, int count) {
    List<LabelledImage> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(image(seed, i));
    }
    return out;
  }

  /** An in-memory data set of {@code count} images that counts how often images are read. */
  public static final class Data implements EvaluationData {
    private final long seed;
    private final int count;
    public final AtomicInteger loads = new AtomicInteger();

    public Data(long seed, int count) {
      this.seed = seed;
      this.count = count;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public String id(int index) {
      return "square-" + index;
    }

    @Override
    public EvaluationImage load(int index) {
      loads.incrementAndGet();
      return EvaluationImage.of(id(index), image(seed, index));
    }

    @Override
    public String describe() {
      return "squares seed=" + seed;
    }

    @Override
    public List<String> classNames() {
      return CLASSES;
    }
  }

  /** The map the model really uses: the thresholded brightness (the faithfulness reference). */
  public static ExplanationMethod brightness() {
    return new PixelFunction("brightness", true);
  }

  /** A deliberately wrong map: dark pixels high, the square low. */
  public static ExplanationMethod inverseBrightness() {
    return new PixelFunction("inverse", false);
  }

  /** The inverse map, but NaN on every image whose top-left pixel has an odd red value. */
  public static ExplanationMethod brokenOnSomeImages() {
    return new ExplanationMethod() {
      private final ExplanationMethod inverse = inverseBrightness();

      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Kind kind() {
        return Kind.INPUT;
      }

      @Override
      public List<Explanation> explain(MethodContext ctx) {
        List<Explanation> out = new ArrayList<>();
        List<Explanation> maps = inverse.explain(ctx);
        for (int i = 0; i < maps.size(); i++) {
          float[] map = maps.get(i).inputMap().data();
          if (oddTopLeft(ctx.batch().item(i).data()[0])) {
            map[5] = Float.NaN;
          }
          out.add(maps.get(i).withMethod("broken"));
        }
        return out;
      }
    };
  }

  /** Whether the red value (in [0, 1]) of a top-left pixel is an odd level. */
  public static boolean oddTopLeft(float red) {
    return Math.round(red * 255) % 2 == 1;
  }

  /** A map computed from the input pixels alone, independent of the model's weights. */
  private record PixelFunction(String name, boolean bright) implements ExplanationMethod {
    @Override
    public Kind kind() {
      return Kind.INPUT;
    }

    @Override
    public List<Explanation> explain(MethodContext ctx) {
      List<Explanation> out = new ArrayList<>();
      int h = (int) ctx.batch().dim(2);
      int w = (int) ctx.batch().dim(3);
      int plane = h * w;
      for (int i = 0; i < ctx.size(); i++) {
        float[] px = ctx.batch().item(i).data();
        float[] map = new float[plane];
        for (int p = 0; p < plane; p++) {
          float mean = (px[p] + px[plane + p] + px[2 * plane + p]) / 3;
          map[p] = bright ? Math.max(0, mean - THRESHOLD) : 1 - mean;
        }
        out.add(ctx.explanation(name, i, null, new Explanation.InputMap(new FloatTensor(new long[] {h, w}, map))));
      }
      return out;
    }
  }

  /** Wraps a method and counts the images it explains. */
  public static final class Counting implements ExplanationMethod {
    private final ExplanationMethod inner;
    public final AtomicInteger images = new AtomicInteger();

    public Counting(ExplanationMethod inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Kind kind() {
      return inner.kind();
    }

    @Override
    public List<Explanation> explain(MethodContext ctx) {
      images.addAndGet(ctx.size());
      return inner.explain(ctx);
    }
  }
}
