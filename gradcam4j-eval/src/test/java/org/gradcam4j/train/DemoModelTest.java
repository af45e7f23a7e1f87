package org.gradcam4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.eval.PointingGame;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.model.ModelCard;
import org.junit.jupiter.api.Test;

/** The shipped demo model: what docs/evaluation.md and the demo promise about it. */
class DemoModelTest {
  /** Images the recipe never trained on: another seed than the training data's. */
  private static final long FRESH_SEED = DemoTrainer.Settings.recipe().seed() + 1;

  @Test
  void classifiesFreshSyntheticImagesWithAtLeast95PercentAccuracy() {
    OnnxModel model = DemoModel.load();
    double accuracy = DemoTrainer.accuracy(model, FRESH_SEED, 0, 1000, 2);
    System.out.printf("demo model accuracy on 1000 fresh images: %.4f%n", accuracy);
    assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void gradCamPointsAtTheShapeOnCorrectlyClassifiedImages() {
    SyntheticDataset data = new SyntheticDataset(FRESH_SEED, ShapesCnn.SIZE);
    List<RgbImage> images = new ArrayList<>();
    List<LabelledImage> samples = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      LabelledImage s = data.sample(i);
      samples.add(s);
      images.add(s.image());
    }
    ModelCard card = DemoModel.card().orElseThrow();
    int hits = 0;
    int nearHits = 0;
    int correct = 0;
    try (Explainer explainer = Explainer.of(DemoModel.load(), 2)) {
      List<ExplainedImage> results = explainer.explainImages(images, images.stream().map(i -> "img").toList())
          .preprocessing(card.preprocessing().toPreprocessing())
          .layers(card.defaultLayer())
          .batchSize(50)
          .run();
      PointingGame exact = new PointingGame(0);
      // The standard 15-pixel tolerance is meant for 224-pixel images; scaled to 64 pixels it is 4.
      PointingGame tolerant = new PointingGame(4);
      for (int i = 0; i < results.size(); i++) {
        var e = results.get(i).explanation("gradcam");
        if (e.targetClass() != samples.get(i).label()) {
          continue;
        }
        correct++;
        boolean[] mask = samples.get(i).mask().inside();
        SaliencyMap map = SaliencyMap.of(e.displayMap(ShapesCnn.SIZE, ShapesCnn.SIZE), ShapesCnn.SIZE, ShapesCnn.SIZE);
        Mask truth = new Mask(ShapesCnn.SIZE, ShapesCnn.SIZE, mask);
        hits += exact.evaluate(map, truth).hit() ? 1 : 0;
        nearHits += tolerant.evaluate(map, truth).hit() ? 1 : 0;
      }
    }
    double rate = (double) hits / correct;
    double nearRate = (double) nearHits / correct;
    System.out.printf("demo model Grad-CAM pointing game on %d correct images: exact %.3f, 4-px tolerance %.3f%n",
        correct, rate, nearRate);
    assertThat(correct).isGreaterThan(180);
    // The 8x8 feature map is coarse: its peak can land on the shape's rim rather than inside it.
    assertThat(rate).isGreaterThan(0.7);
    assertThat(nearRate).isGreaterThan(0.9);
  }

  @Test
  void shippedWeightsFitTheNetworkThisSourceBuilds() {
    // Guards against changing ShapesCnn without retraining: same weights, same nodes.
    ShapesCnn cnn = new ShapesCnn(SyntheticDataset.CLASS_COUNT);
    OnnxModel shipped = DemoModel.load();
    cnn.parameterShapes().forEach((name, dims) -> assertThat(shipped.graph().initializers().get(name))
        .as(name).isNotNull().extracting(t -> t.getDimsList()).asList()
        .containsExactly(java.util.Arrays.stream(dims).boxed().toArray()));
    var rebuilt = cnn.inferenceModel(cnn.initialParameters(0), cnn.initialStatistics()).getGraph();
    assertThat(shipped.graph().nodes()).isEqualTo(rebuilt.getNodeList());
  }

  @Test
  void cardDescribesTheModel() {
    ModelCard card = DemoModel.card().orElseThrow();
    assertThat(card.labels().names()).hasSize(SyntheticDataset.CLASS_COUNT).contains("circle", "star");
    assertThat(card.defaultLayer()).isEqualTo(ShapesCnn.FEATURES);
    assertThat(card.preprocessing().toPreprocessing().crop()).isEqualTo(ShapesCnn.SIZE);
    assertThat(DemoModel.load().graph().hasTensor(ShapesCnn.FEATURES)).isTrue();
  }
}
