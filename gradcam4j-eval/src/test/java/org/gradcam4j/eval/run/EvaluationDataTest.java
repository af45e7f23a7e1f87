package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.data.GroundTruthFolder;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationDataTest {
  @TempDir
  Path tmp;

  private static String voc(String name, int xmin, int ymin, int xmax, int ymax) {
    return "<annotation><object><name>" + name + "</name><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin
        + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object></annotation>";
  }

  @Test
  void syntheticSamplesComeWithExactMasksAndClasses() {
    EvaluationData data = EvaluationData.synthetic(5, 3, 32);
    SyntheticDataset reference = new SyntheticDataset(5, 32);
    assertThat(data.size()).isEqualTo(3);
    assertThat(data.id(2)).isEqualTo("000002");
    assertThat(data.describe()).contains("seed=5").contains("size=32").doesNotContain("3 ");
    EvaluationImage image = data.load(2);
    LabelledImage sample = reference.sample(2);
    assertThat(image.image().pixels()).isEqualTo(sample.image().pixels());
    assertThat(image.primaryClass()).isEqualTo(sample.label());
    AnnotatedObject o = image.objects().get(0);
    assertThat(o.box()).isEqualTo(new Box(sample.box().x0(), sample.box().y0(), sample.box().x1(), sample.box().y1()));
    assertThat(o.mask().orElseThrow().count()).isEqualTo(sample.mask().count());
    assertThat(data.classNames()).hasSize(SyntheticDataset.CLASS_COUNT);
    assertThat(data.first(2).size()).isEqualTo(2);
  }

  @Test
  void aGroundTruthFolderIsRecognisedAndReadWithItsMasks() {
    Path dir = tmp.resolve("gt");
    GroundTruthFolder.export(new SyntheticDataset(1, 32), dir, 10, 2, true);
    EvaluationData data = EvaluationData.open(dir, null, List.of());
    assertThat(data.size()).isEqualTo(2);
    assertThat(data.id(0)).isEqualTo("000010.png");
    assertThat(data.describe()).startsWith("ground-truth folder");
    EvaluationImage image = data.load(1);
    LabelledImage pair = new SyntheticDataset(1, 32).pairSample(11);
    assertThat(image.objects()).hasSize(2);
    assertThat(image.trueClasses()).containsExactly(pair.objects().get(0).classIndex(), pair.objects().get(1).classIndex());
    // The map of one class is judged against that object only, mask included.
    int second = pair.objects().get(1).classIndex();
    GroundTruth truth = image.truthFor(second);
    assertThat(truth.objects()).hasSize(1);
    assertThat(truth.mask().orElseThrow().count()).isEqualTo(pair.objects().get(1).mask().orElseThrow().count());
    // A class that is not in the image: all objects.
    int absent = 0;
    while (image.trueClasses().contains(absent)) {
      absent++;
    }
    assertThat(image.truthFor(absent).objects()).hasSize(2);
    Mask union = image.truthFor(absent).mask().orElseThrow();
    assertThat(union.count()).isEqualTo(pair.objects().get(0).mask().orElseThrow().count()
        + pair.objects().get(1).mask().orElseThrow().count());
  }

  @Test
  void vocFilesNextToImagesGiveBoxesAndNamesMapToClasses() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("voc"));
    Files.createDirectories(dir.resolve("sub"));
    for (String name : List.of("b.png", "a.png", "sub/c.png", "sub/notes.txt")) {
      if (name.endsWith(".png")) {
        PngWriter.write(dir.resolve(name), RgbImage.blank(20, 10));
      } else {
        Files.writeString(dir.resolve(name), "not an image");
      }
    }
    Files.writeString(dir.resolve("a.xml"), voc("Dog", 3, 2, 10, 8));
    Files.writeString(dir.resolve("sub/c.xml"), voc("2", 1, 1, 20, 10));
    EvaluationData data = EvaluationData.open(dir, null, List.of("cat", "dog", "bird"));
    assertThat(data.size()).isEqualTo(3);
    assertThat(List.of(data.id(0), data.id(1), data.id(2))).containsExactly("a.png", "b.png", "sub/c.png");
    EvaluationImage a = data.load(0);
    assertThat(a.objects()).singleElement().satisfies(o -> {
      assertThat(o.label()).isEqualTo("Dog");
      assertThat(o.classIndex()).isEqualTo(1);
      assertThat(o.box()).isEqualTo(new Box(2, 1, 10, 8));
      assertThat(o.mask()).isEqualTo(Optional.empty());
    });
    assertThat(data.load(1).hasGroundTruth()).isFalse();
    assertThat(data.load(2).primaryClass()).isEqualTo(2);
    assertThat(data.describe()).contains("voc");
  }

  @Test
  void aCsvGivesBoxesAndUnknownLabelsHaveNoClass() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("csv"));
    PngWriter.write(dir.resolve("x.png"), RgbImage.blank(20, 10));
    PngWriter.write(dir.resolve("y.png"), RgbImage.blank(20, 10));
    Path csv = tmp.resolve("boxes.csv");
    Files.writeString(csv, "file,label,x0,y0,x1,y1\ncsv/x.png,zebra,0,0,5,5\ncsv/x.png,cat,5,5,10,10\n");
    EvaluationData data = EvaluationData.open(dir, csv, List.of("cat"));
    EvaluationImage x = data.load(0);
    assertThat(x.objects()).extracting(AnnotatedObject::classIndex).containsExactly(-1, 0);
    assertThat(x.trueClasses()).containsExactly(0);
    assertThat(data.load(1).hasGroundTruth()).isFalse();
    assertThat(data.describe()).contains("boxes.csv");
  }

  @Test
  void missingOrEmptyFoldersAreReported() throws IOException {
    assertThatThrownBy(() -> EvaluationData.open(tmp.resolve("nope"), null, List.of()))
        .isInstanceOf(GradCamException.class).hasMessageContaining("does not exist");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> EvaluationData.open(empty, null, List.of())).hasMessageContaining("no .png");
  }
}
