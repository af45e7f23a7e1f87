package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics on a real model (SqueezeNet 1.1, ImageNet) with the reference Grad-CAM map of the
 * shared test data: a good explanation must beat its own inverse on every perturbation metric.
 */
class RealModelMetricsTest {
  private static final int TABBY = 285; // SqueezeNet's top-1 class for chelsea.png
  private static OnnxSession session;
  private static FloatTensor image;
  private static SaliencyMap gradCam;
  private static SaliencyMap inverse;

  @BeforeAll
  static void load() {
    session = new OnnxSession(OnnxModel.load(SharedData.model(SharedData.SQUEEZENET)), 2);
    Npy.Array input = Npy.read(SharedData.reference("inputs/squeezenet11__chelsea.input.npy"));
    image = new FloatTensor(new long[] {3, 224, 224}, input.data());
    Npy.Array map = Npy.read(SharedData.reference("maps/squeezenet11/chelsea__c285__fire9__GradCAM.inres.npy"));
    gradCam = SaliencyMap.of(map.data(), 224, 224);
    float[] inv = new float[map.data().length];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = 1 - map.data()[i];
    }
    inverse = SaliencyMap.of(inv, 224, 224);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Softmax probability of each image's class (the model ends in Softmax). */
  private static float[] probabilities(FloatTensor batch, int[] classes) {
    FloatTensor out = session.run(Map.of("data_0", batch), List.of("softmaxout_1")).get("softmaxout_1");
    int perImage = out.data().length / classes.length;
    float[] p = new float[classes.length];
    for (int i = 0; i < classes.length; i++) {
      p[i] = out.data()[i * perImage + classes[i]];
    }
    return p;
  }

  @Test
  void gradCamBeatsItsInverseOnDeletionAndInsertion() {
    DeletionInsertion metric = new DeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(16).withBatchSize(17));
    DeletionInsertion.Curves good = metric.both(image, gradCam, TABBY, RealModelMetricsTest::probabilities);
    DeletionInsertion.Curves bad = metric.both(image, inverse, TABBY, RealModelMetricsTest::probabilities);
    // The first deletion point is the unperturbed image's probability.
    float full = probabilities(new FloatTensor(new long[] {1, 3, 224, 224}, image.data()), new int[] {TABBY})[0];
    assertThat(good.deletion().scores()[0]).isCloseTo(full, within(1e-5));
    assertThat(full).isGreaterThan(0.3f);
    assertThat(good.deletion().auc()).isLessThan(bad.deletion().auc());
    assertThat(good.insertion().auc()).isGreaterThan(bad.insertion().auc());
  }

  @Test
  void confidenceIsKeptByTheRegionGradCamPointsAt() {
    // Regions of equal area: the 20 % of pixels Grad-CAM ranks highest against the 20 % it ranks
    // lowest. (Soft maps are not compared with their inverse: Average Drop favours maps that keep
    // much of the image, and 1 - map keeps most of this cat.)
    int n = 224 * 224;
    int[] order = PixelOrder.mostRelevantFirst(gradCam.values(), 0);
    float[] top = new float[n];
    float[] bottom = new float[n];
    for (int k = 0; k < n / 5; k++) {
      top[order[k]] = 1;
      bottom[order[n - 1 - k]] = 1;
    }
    float[] everything = new float[n];
    Arrays.fill(everything, 1f);
    everything[0] = 0f;
    List<ConfidenceChange.Result> r = new ConfidenceChange(4).evaluate(image, List.of(
        SaliencyMap.of(top, 224, 224), SaliencyMap.of(bottom, 224, 224), SaliencyMap.of(everything, 224, 224)),
        TABBY, RealModelMetricsTest::probabilities);
    assertThat(r.get(0).original()).isCloseTo(0.3971f, within(1e-4f));
    assertThat(r.get(0).explained()).isGreaterThan(2 * r.get(1).explained());
    assertThat(r.get(0).drop()).isLessThan(r.get(1).drop());
    assertThat(r.get(2).explained()).isCloseTo(r.get(2).original(), within(1e-3f));
  }

  @Test
  void roadSeparatesGradCamFromItsInverse() {
    // Inputs are in the model's space (BGR minus mean, range about +-130), so the ROAD noise is
    // scaled from 0.01 of a [0, 1] image to the same share of 255.
    Road road = new Road(Road.Settings.defaults().withPercentages(0.2, 0.5).withNoise(2.55).withBatchSize(8));
    Road.Curves good = road.evaluate(image, gradCam, TABBY, RealModelMetricsTest::probabilities);
    Road.Curves bad = road.evaluate(image, inverse, TABBY, RealModelMetricsTest::probabilities);
    assertThat(good.meanMorf()).isLessThan(bad.meanMorf());
    assertThat(good.meanLerf()).isGreaterThan(bad.meanLerf());
    assertThat(Arrays.stream(good.morf()).allMatch(Double::isFinite)).isTrue();
  }
}
