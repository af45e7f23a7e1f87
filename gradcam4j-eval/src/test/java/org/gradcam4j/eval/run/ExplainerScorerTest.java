package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.Explainer;
import org.gradcam4j.eval.ImageTensors;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class ExplainerScorerTest {
  /** Output "flat" = the input flattened, then "probs" = its softmax. */
  private static OnnxModel flattenThenSoftmax() {
    GraphBuilder b = new GraphBuilder("flat", 17);
    String x = b.input("x", DataType.FLOAT, "N", 3L, 2L, 2L);
    String flat = b.node("Flatten").inputs(x).outputNamed("flat");
    String probs = b.node("Softmax").inputs(flat).attr("axis", 1L).outputNamed("probs");
    b.output(probs, DataType.FLOAT, "N", 12L);
    return OnnxModel.of(b.buildModel(), "flat");
  }

  private static RgbImage image() {
    RgbImage img = RgbImage.blank(2, 2);
    int v = 7;
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 2; x++) {
        for (int c = 0; c < 3; c++) {
          img.set(x, y, c, v);
          v = (v * 37 + 11) % 256;
        }
      }
    }
    return img;
  }

  @Test
  void imagesInZeroOneAreNormalisedExactlyLikeThePreprocessing() {
    Preprocessing caffe = new Preprocessing(0, 0, ChannelOrder.BGR, 1f, new float[] {104f, 117f, 123f},
        new float[] {50f, 60f, 70f});
    try (Explainer explainer = Explainer.of(flattenThenSoftmax(), 1)) {
      // The default score tensor is the Softmax input, so the scorer applies the softmax itself.
      ExplainerScorer scorer = new ExplainerScorer(explainer, caffe, null);
      assertThat(scorer.scoreTensor()).isEqualTo("flat");
      assertThat(scorer.scoresAreProbabilities()).isFalse();
      FloatTensor rgb = ImageTensors.fromRgb(image());
      float[][] p = scorer.probabilities(new FloatTensor(new long[] {1, 3, 2, 2}, rgb.data()));
      float[] expected = ExplainerScorer.softmax(caffe.normalize(image()).data());
      for (int k = 0; k < 12; k++) {
        assertThat(p[0][k]).isCloseTo(expected[k], within(1e-6f));
      }
      // Scores for classes, batched.
      float[] two = new float[24];
      System.arraycopy(rgb.data(), 0, two, 0, 12);
      System.arraycopy(rgb.data(), 0, two, 12, 12);
      float[] s = scorer.score(new FloatTensor(new long[] {2, 3, 2, 2}, two), new int[] {0, 5});
      assertThat(s[0]).isCloseTo(expected[0], within(1e-6f));
      assertThat(s[1]).isCloseTo(expected[5], within(1e-6f));
      assertThat(scorer.calls()).isEqualTo(2);
      assertThat(scorer.imagesScored()).isEqualTo(3);
      assertThatThrownBy(() -> scorer.score(new FloatTensor(new long[] {1, 3, 2, 2}, rgb.data()), new int[] {12}))
          .hasMessageContaining("class 12 is out of range");
    }
  }

  @Test
  void aSoftmaxOutputIsNotSoftmaxedTwice() {
    Preprocessing plain = new Preprocessing(0, 0, ChannelOrder.RGB, 255f, new float[3], new float[] {1, 1, 1});
    try (Explainer explainer = Explainer.of(flattenThenSoftmax(), 1)) {
      ExplainerScorer fromLogits = new ExplainerScorer(explainer, plain, null);
      ExplainerScorer fromProbabilities = new ExplainerScorer(explainer, plain, "probs");
      assertThat(fromProbabilities.scoresAreProbabilities()).isTrue();
      FloatTensor rgb = ImageTensors.fromRgb(image());
      FloatTensor batch = new FloatTensor(new long[] {1, 3, 2, 2}, rgb.data());
      float[] a = fromLogits.probabilities(batch)[0];
      float[] b = fromProbabilities.probabilities(batch)[0];
      for (int k = 0; k < 12; k++) {
        assertThat(b[k]).isCloseTo(a[k], within(1e-6f));
      }
      double sum = 0;
      for (float v : b) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void unknownScoreTensorIsNamed() {
    Preprocessing plain = new Preprocessing(0, 0, ChannelOrder.RGB, 255f, new float[3], new float[] {1, 1, 1});
    try (Explainer explainer = Explainer.of(flattenThenSoftmax(), 1)) {
      assertThatThrownBy(() -> new ExplainerScorer(explainer, plain, "nope")).hasMessageContaining("'nope'")
          .hasMessageContaining("probs");
    }
  }
}
