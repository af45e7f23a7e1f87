package org.gradcam4j.diagnose.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationProgress;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.train.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failures of the built-in model on the synthetic benchmark, against a plain prediction pass. */
class FailureFinderTest {
  private static final int COUNT = 300;

  @TempDir
  Path tmp;

  private static Preprocessing demoPreprocessing() {
    return DemoModel.card().orElseThrow().preprocessing().toPreprocessing();
  }

  @Test
  void listsExactlyTheImagesAPlainPredictionPassGetsWrong() {
    Preprocessing pre = demoPreprocessing();
    SyntheticDataset data = new SyntheticDataset(0, SyntheticDataset.DEFAULT_IMAGE_SIZE);
    try (Explainer explainer = Explainer.of(DemoModel.load(), 2)) {
      // The plain pass: one image at a time, the model's own first output, the label drawn by the data set.
      Set<String> expected = new TreeSet<>();
      Map<Long, Integer> expectedConfusions = new HashMap<>();
      String output = explainer.outputNames().get(0);
      for (int i = 0; i < COUNT; i++) {
        LabelledImage sample = data.sample(i);
        FloatTensor batch = FloatTensor.stack(List.of(pre.toTensor(sample.image())));
        int predicted = ArgMax.of(explainer.forward(batch, List.of(output)).get(output).data());
        if (predicted != sample.label()) {
          expected.add(String.format(Locale.ROOT, "%06d", i));
          expectedConfusions.merge(((long) sample.label() << 32) | predicted, 1, Integer::sum);
        }
      }
      assertThat(expected).as("the built-in model makes some mistakes on %d images", COUNT).isNotEmpty();

      FailureFinder.Scan scan = new FailureFinder(explainer, pre, List.of(), null, 32)
          .scan(EvaluationData.synthetic(0, COUNT, SyntheticDataset.DEFAULT_IMAGE_SIZE), 1000, EvaluationProgress.NONE);

      assertThat(scan.predictions()).hasSize(COUNT);
      assertThat(scan.wrong().stream().map(Prediction::id).toList()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(scan.failures().stream().map(f -> f.prediction().id()).toList())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(scan.accuracy()).isEqualTo(1 - expected.size() / (double) COUNT);
      for (int i = 1; i < scan.failures().size(); i++) {
        assertThat(scan.failures().get(i).prediction().confidence())
            .isLessThanOrEqualTo(scan.failures().get(i - 1).prediction().confidence());
      }
      for (Failure f : scan.failures()) {
        var e = f.explained();
        assertThat(e.explanations().keySet()).containsExactlyElementsOf(FailureFinder.COLUMNS);
        assertThat(e.explanation(FailureFinder.GRADCAM_PREDICTED).targetClass()).isEqualTo(f.prediction().predictedClass());
        assertThat(e.explanation(FailureFinder.GUIDED_PREDICTED).targetClass()).isEqualTo(f.prediction().predictedClass());
        assertThat(e.explanation(FailureFinder.GRADCAM_TRUE).targetClass()).isEqualTo(f.prediction().trueClass());
        assertThat(e.explanation(FailureFinder.GUIDED_TRUE).targetClass()).isEqualTo(f.prediction().trueClass());
        assertThat(f.prediction().trueClass()).isEqualTo(data.labelOf(Integer.parseInt(f.prediction().id())));
      }
      Map<Long, Integer> counted = new HashMap<>();
      for (ConfusionCounts.Cell c : scan.confusion().cells()) {
        counted.put(((long) c.trueClass() << 32) | c.predictedClass(), c.count());
      }
      assertThat(counted).isEqualTo(expectedConfusions);

      FailureFinder.Scan limited = new FailureFinder(explainer, pre, List.of(), null, 32)
          .scan(EvaluationData.synthetic(0, COUNT, SyntheticDataset.DEFAULT_IMAGE_SIZE), 1, EvaluationProgress.NONE);
      assertThat(limited.failures()).hasSize(1);
      assertThat(limited.failures().get(0).prediction()).isEqualTo(scan.wrong().get(0));
      assertThat(limited.wrong()).hasSameSizeAs(expected);
    }
  }

  @Test
  void classFoldersAreMatchedToLabelsByNameIgnoringCaseOrByIndex() throws Exception {
    SyntheticDataset data = new SyntheticDataset(3, SyntheticDataset.DEFAULT_IMAGE_SIZE);
    List<String> names = data.classNames();
    Path root = tmp.resolve("data");
    int[] labels = new int[4];
    for (int i = 0; i < 4; i++) {
      LabelledImage s = data.sample(i);
      labels[i] = s.label();
      String folder = i % 2 == 0 ? names.get(s.label()).toUpperCase(Locale.ROOT) : Integer.toString(s.label());
      PngWriter.write(root.resolve(folder).resolve("img" + i + ".png"), s.image());
    }
    ClassFolderData folders = new ClassFolderData(root, names, names.size());
    assertThat(folders.size()).isEqualTo(4);
    Map<String, Integer> byFile = new HashMap<>();
    for (int k = 0; k < folders.size(); k++) {
      var image = folders.load(k);
      byFile.put(image.id().substring(image.id().indexOf('/') + 1), image.primaryClass());
    }
    for (int i = 0; i < 4; i++) {
      assertThat(byFile.get("img" + i + ".png")).as("img%d", i).isEqualTo(labels[i]);
    }

    Files.createDirectories(root.resolve("kitten"));
    assertThatThrownBy(() -> new ClassFolderData(root, names, names.size())).isInstanceOf(GradCamException.class)
        .hasMessageContaining("'kitten'").hasMessageContaining(names.get(0));
    Files.delete(root.resolve("kitten"));
    PngWriter.write(root.resolve("loose.png"), data.sample(9).image());
    assertThatThrownBy(() -> new ClassFolderData(root, names, names.size())).isInstanceOf(GradCamException.class)
        .hasMessageContaining("loose.png").hasMessageContaining("sub-folder per class");
  }
}
