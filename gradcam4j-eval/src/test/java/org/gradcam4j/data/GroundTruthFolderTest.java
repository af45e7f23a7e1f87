package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthFolderTest {
  private final SyntheticDataset dataset = new SyntheticDataset(11);

  @TempDir
  Path dir;

  @Test
  void exportedSamplesReadBackIdentically() {
    GroundTruthFolder written = GroundTruthFolder.export(dataset, dir, 5, 12, false);
    GroundTruthFolder read = GroundTruthFolder.open(dir);
    assertThat(read.classNames()).isEqualTo(dataset.classNames());
    assertThat(read.entries()).isEqualTo(written.entries());
    assertThat(read.size()).isEqualTo(12);
    assertThat(read.entries().get(0).imageFile()).isEqualTo("000005.png");
    for (int i = 0; i < 12; i++) {
      LabelledImage original = dataset.sample(5 + i);
      LabelledImage loaded = read.load(i);
      assertThat(loaded.image().pixels()).isEqualTo(original.image().pixels());
      assertThat(loaded.objects()).isEqualTo(original.objects());
    }
  }

  @Test
  void pairSamplesGetOneRowAndOneMaskPerObject() throws IOException {
    GroundTruthFolder.export(dataset, dir, 0, 3, true);
    List<String> rows = Files.readAllLines(dir.resolve(GroundTruthFolder.CSV_FILE));
    assertThat(rows).hasSize(1 + 6);
    assertThat(rows.get(0)).isEqualTo("file,label,class,x0,y0,x1,y1,mask");
    LabelledImage pair = dataset.pairSample(0);
    AnnotatedObject first = pair.objects().get(0);
    Box b = first.box();
    assertThat(rows.get(1)).isEqualTo("000000.png," + first.classIndex() + "," + first.label() + "," + (int) b.x0()
        + "," + (int) b.y0() + "," + (int) b.x1() + "," + (int) b.y1() + ",000000.0.mask.png");
    assertThat(rows.get(2)).startsWith("000000.png,").endsWith(",000000.1.mask.png");
    List<LabelledImage> loaded = GroundTruthFolder.open(dir).loadAll();
    assertThat(loaded).hasSize(3);
    assertThat(loaded.get(0).objects()).isEqualTo(pair.objects());
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    GroundTruthFolder.export(dataset, dir, 0, 4, false);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(4 * 2 + 2)
          .allMatch(name -> name.endsWith(".png") || name.equals("ground_truth.csv") || name.equals("classes.txt"));
    }
  }

  @Test
  void aFolderWithoutCsvIsNotADataset() {
    assertThatThrownBy(() -> GroundTruthFolder.open(dir)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("No ground_truth.csv in");
  }

  @Test
  void reportsTheLineOfABadRow() throws IOException {
    GroundTruthFolder.export(dataset, dir, 0, 2, false);
    Path csv = dir.resolve(GroundTruthFolder.CSV_FILE);
    List<String> rows = Files.readAllLines(csv);
    Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\n" + rows.get(2).replaceFirst(",\\d+,", ",x,") + "\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GroundTruthFolder.open(dir)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("line 3").hasMessageContaining("label must be an integer, got 'x'");
  }

  @Test
  void reportsAMissingMaskFile() throws IOException {
    GroundTruthFolder.export(dataset, dir, 0, 2, false);
    Files.delete(dir.resolve("000001.mask.png"));
    assertThatThrownBy(() -> GroundTruthFolder.open(dir)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("000001.mask.png does not exist");
  }

  @Test
  void reportsAWrongHeader() throws IOException {
    Files.writeString(dir.resolve(GroundTruthFolder.CSV_FILE), "file,label\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GroundTruthFolder.open(dir)).hasMessageContaining("must be the header");
  }

  @Test
  void classNamesComeFromTheRowsWhenClassesTxtIsMissing() throws IOException {
    GroundTruthFolder.export(dataset, dir, 0, 8, false);
    Files.delete(dir.resolve(GroundTruthFolder.CLASSES_FILE));
    assertThat(GroundTruthFolder.open(dir).classNames()).isEqualTo(dataset.classNames());
  }

  @Test
  void refusesAnObjectWhoseLabelDoesNotMatchTheClassNames() {
    LabelledImage sample = dataset.sample(0);
    assertThatThrownBy(() -> GroundTruthFolder.write(dir, List.of("only"), List.of(sample)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match the class names");
  }
}
