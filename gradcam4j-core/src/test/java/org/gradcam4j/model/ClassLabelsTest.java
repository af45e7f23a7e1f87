package org.gradcam4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassLabelsTest {
  @Test
  void plainLinesAreTheLabels() {
    assertThat(ClassLabels.parse("tench\ngoldfish\ngreat white shark\n", "t"))
        .containsExactly("tench", "goldfish", "great white shark");
  }

  @Test
  void synsetLinesGiveTheirFirstName() {
    String text = "n01440764 tench, Tinca tinca\n"
        + "n01443537 goldfish, Carassius auratus\n"
        + "n04590129 window shade\n";
    assertThat(ClassLabels.parse(text, "t")).containsExactly("tench", "goldfish", "window shade");
  }

  @Test
  void windowsLineEndingsAByteOrderMarkAndTrailingBlankLinesAreHandled() {
    assertThat(ClassLabels.parse("\uFEFFcat\r\ndog\r\n\r\n\n", "t")).containsExactly("cat", "dog");
  }

  @Test
  void aPlainListWithOneSynsetLookingLineKeepsItsLines() {
    // Only a file made entirely of synset lines is read as synsets.
    assertThat(ClassLabels.parse("n01440764 tench, Tinca tinca\nother, with comma\n", "t"))
        .containsExactly("n01440764 tench, Tinca tinca", "other, with comma");
  }

  @Test
  void aBlankLineBetweenLabelsIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> ClassLabels.parse("cat\n\ndog\n", "labels.txt"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("labels.txt")
        .hasMessageContaining("line 2");
  }

  @Test
  void anEmptyFileIsAnError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("empty.txt"), "\n\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ClassLabels.load(file))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("empty.txt")
        .hasMessageContaining("no labels");
  }

  @Test
  void theImagenetSynsetsGiveTheUsualThousandClasses() {
    List<String> labels = ClassLabels.load(SharedData.root().resolve("models/imagenet_synsets.txt"));
    List<String> plain = ClassLabels.load(SharedData.root().resolve("models/imagenet_classes.txt"));

    assertThat(labels).hasSize(1000);
    assertThat(labels.get(0)).isEqualTo("tench");
    assertThat(labels.get(281)).isEqualTo("tabby");
    assertThat(labels.get(999)).isEqualTo("toilet tissue");
    // The same first names as the independently made plain list (which renames a few classes).
    long same = 0;
    for (int i = 0; i < 1000; i++) {
      same += labels.get(i).equals(plain.get(i)) ? 1 : 0;
    }
    assertThat(same).isGreaterThanOrEqualTo(990);
  }
}
