package org.gradcam4j.inspect.patches;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * The computed field of every unit equals the set of input pixels whose change changes that unit, found
 * by perturbation: positive weights and inputs (so nothing cancels) and a bump of +100 on one pixel (all
 * three channels) at a time, which also wins any max-pooling window it is in.
 */
class ReceptiveFieldTest {
  private static final int SIZE = 20;

  /** Positive weights: |N(0,1)| * 0.3 + 0.05. */
  static String positive(GraphBuilder b, String name, long seed, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    float[] v = new float[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      v[i] = (float) Math.abs(r.nextGaussian()) * 0.3f + 0.05f;
    }
    return b.initializer(name, dims, v);
  }

  static String conv(GraphBuilder b, String in, long seed, int cin, int k, long[] strides, long[] dilations, long[] pads) {
    return b.node("Conv").inputs(in, positive(b, "w" + seed, seed, 3, cin, k, k))
        .attrInts("strides", strides).attrInts("dilations", dilations).attrInts("pads", pads).output();
  }

  static final long[] ONE = {1, 1};
  static final long[] NO_PAD = {0, 0, 0, 0};

  @Test
  void plainConvStack() {
    check((b, x) -> {
      String c = b.relu(conv(b, x, 1, 3, 3, ONE, ONE, NO_PAD));
      return conv(b, c, 2, 3, 5, ONE, ONE, NO_PAD);
    }, 7, 7, true);
  }

  @Test
  void stridedAndPooledWithPadding() {
    check((b, x) -> {
      String c = b.relu(conv(b, x, 1, 3, 3, new long[] {2, 2}, ONE, new long[] {1, 1, 1, 1}));
      String p = b.node("MaxPool").inputs(c).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
          .attrInts("pads", 1, 1, 1, 1).output();
      String a = b.node("AveragePool").inputs(p).attrInts("kernel_shape", 2, 2).attrInts("strides", 1, 1)
          .attrInts("pads", 0, 0, 1, 1).attr("count_include_pad", 1L).output();
      return conv(b, a, 2, 3, 3, ONE, ONE, new long[] {1, 1, 1, 1});
    }, 19, 19, true);
  }

  @Test
  void dilated() {
    check((b, x) -> {
      String c = b.relu(conv(b, x, 1, 3, 3, ONE, ONE, NO_PAD));
      return conv(b, c, 2, 3, 3, ONE, new long[] {2, 2}, new long[] {2, 2, 2, 2});
    }, 7, 7, true);
  }

  @Test
  void residualBranchesShiftedOppositeWays() {
    // Two branches whose fields are shifted up-left and down-right: only their union is right.
    check((b, x) -> {
      String stem = b.relu(conv(b, x, 1, 3, 3, ONE, ONE, new long[] {1, 1, 1, 1}));
      String upLeft = conv(b, stem, 2, 3, 3, ONE, ONE, new long[] {2, 2, 0, 0});
      String downRight = b.relu(conv(b, stem, 3, 3, 3, ONE, ONE, new long[] {0, 0, 2, 2}));
      String sum = b.add(upLeft, downRight);
      return b.node("Clip").inputs(b.add(sum, stem), "", b.constScalar(1e9f)).output();
    }, 7, 7, false);
  }

  /** Checks every unit of channel 0 of the net's output against perturbation; also the expected field size. */
  private static void check(BiFunction<GraphBuilder, String, String> body, int fieldH, int fieldW, boolean boxIsExact) {
    OnnxModel model = OnnxModel.of(Models.single(new long[] {1, 3, SIZE, SIZE}, body), "net");
    ReceptiveField field;
    try (ModelRuntime runtime = new ModelRuntime(model, 1)) {
      field = ReceptiveField.of(runtime.model().graph(), runtime.shapes(new long[] {1, 3, SIZE, SIZE}),
          runtime.imageInput(), "y");
    }
    assertThat(new int[] {field.height(), field.width()}).containsExactly(fieldH, fieldW);

    Random r = new Random(7);
    float[] base = new float[3 * SIZE * SIZE];
    for (int i = 0; i < base.length; i++) {
      base[i] = 0.5f + r.nextFloat() * 0.5f;
    }
    int pixels = SIZE * SIZE;
    List<FloatTensor> batch = new ArrayList<>();
    batch.add(new FloatTensor(new long[] {3, SIZE, SIZE}, base));
    for (int p = 0; p < pixels; p++) {
      float[] v = base.clone();
      for (int c = 0; c < 3; c++) {
        v[c * pixels + p] += 100f;
      }
      batch.add(new FloatTensor(new long[] {3, SIZE, SIZE}, v));
    }
    FloatTensor y;
    try (OnnxSession s = new OnnxSession(model, 1)) {
      y = s.run(Map.of("x", FloatTensor.stack(batch)), List.of("y")).get("y");
    }
    int h = (int) y.dim(2);
    int w = (int) y.dim(3);
    int per = (int) (y.dim(1) * h * w);
    int checked = 0;
    int interior = 0;
    for (int uy = 0; uy < h; uy++) {
      for (int ux = 0; ux < w; ux++) {
        float unit = y.data()[uy * w + ux];
        boolean[] seenMask = field.seen(uy, ux);
        int[] nominal = field.box(uy, ux);
        boolean interiorUnit = nominal[0] >= 0 && nominal[1] >= 0 && nominal[2] <= SIZE && nominal[3] <= SIZE;
        interior += interiorUnit ? 1 : 0;
        for (int p = 0; p < pixels; p++) {
          float changed = y.data()[(p + 1) * per + uy * w + ux];
          boolean seen = Math.abs(changed - unit) > 1e-3f * (1 + Math.abs(unit));
          int py = p / SIZE;
          int px = p % SIZE;
          boolean inBox = py >= nominal[0] && py < nominal[2] && px >= nominal[1] && px < nominal[3];
          assertThat(seen).as("unit (%d, %d), pixel (%d, %d), box %s", uy, ux, py, px, java.util.Arrays.toString(nominal))
              .isEqualTo(seenMask[p]);
          // Nothing outside the nominal box is ever reached; inside the image the box is all reached,
          // unless branches make the field a union of boxes.
          if (!inBox) {
            assertThat(seen).isFalse();
          } else if (interiorUnit && boxIsExact) {
            assertThat(seen).isTrue();
          }
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
    assertThat(interior).as("units whose field lies inside the image").isPositive();
  }
}
