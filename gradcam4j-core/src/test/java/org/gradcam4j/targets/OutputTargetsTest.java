package org.gradcam4j.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.testing.TargetModels.BOXES;
import static org.gradcam4j.testing.TargetModels.STEPS;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.TargetModels;
import org.junit.jupiter.api.Test;

/**
 * Targets of sequence, dense and detection outputs: each seed's input gradient must equal the
 * central differences of the functional the target names, written out here from its definition
 * (a greedy decode, an arg-max mask, an IoU match) rather than with the library's code.
 */
class OutputTargetsTest {
  private static final int SYMBOLS = TargetModels.SYMBOLS.length();
  /**
   * Difference step for the recogniser: one pixel moves a logit by about 1e-2 per unit, so a step of
   * 1e-3 would drown in float rounding; the model is piecewise linear, so a larger step costs nothing.
   */
  private static final double TEXT_EPS = 1e-2;

  /** The rendered text with a little noise, so that no Relu sits exactly at its kink. */
  private static FloatTensor noisyText(String text) {
    FloatTensor clean = TargetModels.textImage(text);
    FloatTensor noise = GradientCheck.gaussian(5, clean.shape());
    float[] d = clean.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] += 0.05f * noise.data()[i];
    }
    return new FloatTensor(clean.shape(), d);
  }

  private static OnnxModel recognizer() {
    return OnnxModel.of(TargetModels.textRecognizer(), "crnn");
  }

  private static int argMaxAt(double[] out, int t) {
    int best = 0;
    for (int k = 1; k < SYMBOLS; k++) {
      if (out[t * SYMBOLS + k] > out[t * SYMBOLS + best]) {
        best = k;
      }
    }
    return best;
  }

  @Test
  void theRecognizerReadsWhatIsWritten() {
    try (Explainer explainer = Explainer.of(recognizer(), 1)) {
      float[] logits = explainer.forward(TargetModels.textImage("_'_-_._|"), List.of("logits")).get("logits").data();
      List<Sequences.Token> tokens = Sequences.greedyDecode(logits, STEPS, SYMBOLS, 0);
      StringBuilder read = new StringBuilder();
      tokens.forEach(t -> read.append(TargetModels.SYMBOLS.charAt(t.symbol())));
      assertThat(read.toString()).isEqualTo("'-.|");
      assertThat(tokens.get(2).firstStep()).isEqualTo(5);
    }
  }

  @Test
  void greedyDecodingCollapsesRepeatsAndDropsBlanks() {
    // steps' arg-max: 1 1 0 1 2 2 0 0  ->  tokens 1 (steps 0-1), 1 (3), 2 (4-5)
    int[] best = {1, 1, 0, 1, 2, 2, 0, 0};
    float[] scores = new float[8 * 3];
    for (int t = 0; t < 8; t++) {
      scores[t * 3 + best[t]] = t + 1;
    }
    List<Sequences.Token> tokens = Sequences.greedyDecode(scores, 8, 3, 0);
    assertThat(tokens).containsExactly(new Sequences.Token(1, 0, 1, 3f), new Sequences.Token(1, 3, 3, 4f),
        new Sequences.Token(2, 4, 5, 11f));
  }

  @Test
  void stepTargetDifferentiatesOneStepsScore() {
    TargetsTest.checkAgainstNumeric(recognizer(), "image", "logits", noisyText("_'_-_._|"),
        Sequences.step(3, 2, STEPS, SYMBOLS), out -> out[3 * SYMBOLS + 2], TEXT_EPS);
  }

  @Test
  void stepTargetWithoutASymbolDifferentiatesTheStepsArgMax() {
    TargetsTest.checkAgainstNumeric(recognizer(), "image", "logits", noisyText("_'_-_._|"),
        Sequences.step(5, -1, STEPS, SYMBOLS), out -> out[5 * SYMBOLS + argMaxAt(out, 5)], TEXT_EPS);
  }

  @Test
  void sequenceTargetDifferentiatesTheDecodedScores() {
    TargetsTest.checkAgainstNumeric(recognizer(), "image", "logits", noisyText("_'--_._|"),
        Sequences.sequence(STEPS, SYMBOLS, 0), out -> {
          double sum = 0;
          for (int t = 0; t < STEPS; t++) {
            int best = argMaxAt(out, t);
            sum += best == 0 ? 0 : out[t * SYMBOLS + best];
          }
          return sum;
        }, TEXT_EPS);
  }

  @Test
  void tokenTargetDifferentiatesItsSymbolOverItsSteps() {
    FloatTensor x = noisyText("_'--_._|");
    Sequences.Token dash;
    try (Explainer explainer = Explainer.of(recognizer(), 1)) {
      float[] logits = explainer.forward(x, List.of("logits")).get("logits").data();
      dash = Sequences.greedyDecode(logits, STEPS, SYMBOLS, 0).get(1);
    }
    assertThat(dash.firstStep()).isEqualTo(2);
    assertThat(dash.lastStep()).isEqualTo(3);
    TargetsTest.checkAgainstNumeric(recognizer(), "image", "logits", x, Sequences.token(dash, STEPS, SYMBOLS),
        out -> out[2 * SYMBOLS + 2] + out[3 * SYMBOLS + 2], TEXT_EPS);
  }

  @Test
  void predictedRegionDifferentiatesTheClassOverItsArgMaxPixels() {
    OnnxModel seg = OnnxModel.of(TargetModels.segmenter(3), "segmenter");
    FloatTensor x = GradientCheck.gaussian(7, 1, 3, 8, 8);
    TargetsTest.checkAgainstNumeric(seg, "x", "y", x, Regions.predicted(1, 3, 8, 8), out -> {
      double sum = 0;
      for (int p = 0; p < 64; p++) {
        if (out[64 + p] > out[p] && out[64 + p] >= out[128 + p]) {
          sum += out[64 + p];
        }
      }
      return sum;
    });
  }

  @Test
  void predictedRegionOfOneSigmoidChannelUsesPixelsAboveOneHalf() {
    OnnxModel seg = OnnxModel.of(TargetModels.segmenter(1), "text-detector");
    FloatTensor x = GradientCheck.gaussian(8, 1, 3, 8, 8);
    TargetsTest.checkAgainstNumeric(seg, "x", "y", x, Regions.predicted(0, 1, 8, 8), out -> {
      double sum = 0;
      for (double v : out) {
        sum += v > 0.5 ? v : 0;
      }
      return sum;
    });
  }

  @Test
  void rectangleRegionDifferentiatesTheClassOverTheBox() {
    OnnxModel seg = OnnxModel.of(TargetModels.segmenter(3), "segmenter");
    FloatTensor x = GradientCheck.gaussian(7, 1, 3, 8, 8);
    TargetsTest.checkAgainstNumeric(seg, "x", "y", x, Target.region(2, 3, Regions.rectangle(1, 2, 4, 7, 8, 8)),
        out -> {
          double sum = 0;
          for (int y = 2; y < 7; y++) {
            for (int xx = 1; xx < 4; xx++) {
              sum += out[128 + y * 8 + xx];
            }
          }
          return sum;
        });
  }

  @Test
  void yoloBoxTargetDifferentiatesTheBestMatchingDetectionsScore() {
    OnnxModel det = OnnxModel.of(TargetModels.detector(), "yolo");
    FloatTensor x = GradientCheck.gaussian(3, 1, 3, 16, 16);
    int width = 5 + TargetModels.DETECTOR_CLASSES;
    float[] raw;
    try (Explainer explainer = Explainer.of(det, 1)) {
      raw = explainer.forward(x, List.of("y")).get("y").data();
    }
    // The reference box: detection 6's box, moved by a pixel (IoU < 1 but well above 0.5).
    int d = 6;
    float[] box = {raw[d * width] - raw[d * width + 2] / 2 + 1, raw[d * width + 1] - raw[d * width + 3] / 2,
        raw[d * width] + raw[d * width + 2] / 2 + 1, raw[d * width + 1] + raw[d * width + 3] / 2};
    TargetsTest.checkAgainstNumeric(det, "x", "y", x, Detections.yolo(box, -1, BOXES, width), out -> {
      int best = -1;
      double bestIou = 0;
      for (int b = 0; b < BOXES; b++) {
        double iou = iou(out, b * width, box);
        if (iou > bestIou) {
          bestIou = iou;
          best = b;
        }
      }
      int cls = 0;
      for (int k = 1; k < width - 5; k++) {
        if (out[best * width + 5 + k] > out[best * width + 5 + cls]) {
          cls = k;
        }
      }
      return out[best * width + 4] * out[best * width + 5 + cls];
    }, 1e-2);
  }

  /** IoU of a centre-size box in {@code out} with a corner box, from their definitions. */
  private static double iou(double[] out, int o, float[] box) {
    double x0 = out[o] - out[o + 2] / 2;
    double y0 = out[o + 1] - out[o + 3] / 2;
    double x1 = out[o] + out[o + 2] / 2;
    double y1 = out[o + 1] + out[o + 3] / 2;
    double ix = Math.max(0, Math.min(x1, box[2]) - Math.max(x0, box[0]));
    double iy = Math.max(0, Math.min(y1, box[3]) - Math.max(y0, box[1]));
    double inter = ix * iy;
    return inter / ((x1 - x0) * (y1 - y0) + (box[2] - box[0]) * (box[3] - box[1]) - inter);
  }

  @Test
  void targetValuesAreTheFunctionalsTheyExplain() {
    float[] scores = new float[STEPS * SYMBOLS];
    scores[2 * SYMBOLS + 3] = 2.5f;
    scores[4 * SYMBOLS] = 1f;
    assertThat(Sequences.step(2, 3, STEPS, SYMBOLS).value(scores)).isEqualTo(2.5);
    assertThat(Sequences.sequence(STEPS, SYMBOLS, 0).value(scores)).isEqualTo(2.5);
  }

  @Test
  void misfitsAreClearErrors() {
    assertThatThrownBy(() -> Sequences.step(8, 1, STEPS, SYMBOLS)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("8 steps (0..7)");
    assertThatThrownBy(() -> Sequences.greedyDecode(new float[10], 2, 5, 5)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("blank symbol 5");
    assertThatThrownBy(() -> Regions.predicted(0, 1, 4, 4).seed(16, new float[16]))
        .isInstanceOf(GradCamException.class).hasMessageContaining("no pixel to class 0");
    assertThatThrownBy(() -> Detections.bestMatch(new float[] {0, 0, 1, 1}, null, 1, new float[] {5, 5, 6, 6}, -1, 0.5))
        .isInstanceOf(GradCamException.class).hasMessageContaining("IoU >= 0.50 (best: 0.00)");
  }
}
