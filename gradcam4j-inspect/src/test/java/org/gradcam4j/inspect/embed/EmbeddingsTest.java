package org.gradcam4j.inspect.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsTest {
  @TempDir
  Path tmp;

  @Test
  void writesFeaturesAndAQuotedCsvIndex() throws Exception {
    Path base = tmp.resolve("imgs");
    Embeddings e = new Embeddings(List.of(base.resolve("a/x.png"), base.resolve("b,c/y.png")),
        List.of("a", "b,c"), new float[][] {{1, 2, 3}, {4, 5, 6}}, "features");
    e.write(tmp.resolve("out"), base);
    Npy.Array a = Npy.read(tmp.resolve("out/features.npy"));
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.data()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(Files.readAllLines(tmp.resolve("out/index.csv")))
        .containsExactly("row,file,label", "0,a/x.png,a", "1,\"b,c/y.png\",\"b,c\"");
    assertThat(e.distinctLabels()).containsExactly("a", "b,c");
    assertThat(e.labelIds()).containsExactly(0, 1);
  }

  @Test
  void readsLabelsFilesInCsvOrTsvWithAnOptionalHeader() throws Exception {
    Path csv = tmp.resolve("labels.csv");
    Files.writeString(csv, "file,label\nsub/a.png,cat\nb.png,dog\n");
    assertThat(Embeddings.readLabels(csv)).isEqualTo(Map.of("sub/a.png", "cat", "b.png", "dog"));
    Path tsv = tmp.resolve("labels.tsv");
    Files.writeString(tsv, "a,b.png\tcat, black\n");
    assertThat(Embeddings.readLabels(tsv)).isEqualTo(Map.of("a,b.png", "cat, black"));
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "file,label\njust-a-name\n");
    assertThatThrownBy(() -> Embeddings.readLabels(bad)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void listsImagesInSubFoldersAndSaysWhenThereAreNone() throws Exception {
    Files.createDirectories(tmp.resolve("d/x"));
    Files.writeString(tmp.resolve("d/x/1.PNG"), "");
    Files.writeString(tmp.resolve("d/2.jpeg"), "");
    Files.writeString(tmp.resolve("d/notes.txt"), "");
    assertThat(Embeddings.listImages(tmp.resolve("d")).stream().map(p -> tmp.resolve("d").relativize(p).toString()))
        .containsExactly("2.jpeg", "x/1.PNG");
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> Embeddings.listImages(tmp.resolve("empty"))).hasMessageContaining("No .png");
  }
}
