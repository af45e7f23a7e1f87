package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {
  @TempDir
  static Path tmp;
  static Path images;

  /** 48 synthetic images in one folder per class, and one file that is not an image. */
  @BeforeAll
  static void writeImages() throws Exception {
    images = tmp.resolve("images");
    SyntheticDataset data = new SyntheticDataset(3);
    for (int i = 0; i < 48; i++) {
      LabelledImage s = data.sample(i);
      PngWriter.write(images.resolve(s.className()).resolve(String.format("%03d.png", i)), s.image());
    }
    Files.writeString(images.resolve("circle").resolve("broken.png"), "not a png");
    PngWriter.write(tmp.resolve("query.png"), data.sample(1000).image());
  }

  @Test
  void writesFeaturesMapNeighboursAndProjectorFiles() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("embed", "--model", "demo", "--images", images.toString(), "--out", out.toString(),
        "--map", "pca", "--query", tmp.resolve("query.png").toString(), "-k", "5", "--metric", "l2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("skipped").contains("broken.png").contains("exact, L2 distance");

    Npy.Array f = Npy.read(out.resolve("features.npy"));
    assertThat(f.shape()[0]).isEqualTo(48);
    List<String> index = Files.readAllLines(out.resolve("index.csv"), StandardCharsets.UTF_8);
    assertThat(index).hasSize(49);
    assertThat(index.get(0)).isEqualTo("row,file,label");
    for (String line : index.subList(1, index.size())) {
      String[] cols = line.split(",");
      assertThat(cols[1]).startsWith(cols[2] + "/"); // label = the folder's name
    }
    assertThat(Npy.read(out.resolve("map-pca.npy")).shape()).containsExactly(48, 2);
    assertThat(ImageDecoder.read(out.resolve("map-pca.png")).height()).isEqualTo(800);
    String html = Files.readString(out.resolve("map-pca.html"));
    assertThat(html).contains("data:image/png;base64,").doesNotContain("http://").doesNotContain("https://");
    assertThat(Files.readString(out.resolve("neighbours.html"))).contains("query.png").contains("#5");
    assertThat(ImageDecoder.read(out.resolve("neighbours.png")).width()).isGreaterThan(6 * 96);

    Path p = out.resolve("projector");
    List<String> tensors = Files.readAllLines(p.resolve("tensors.tsv"));
    assertThat(tensors).hasSize(48);
    assertThat(tensors.get(0).split("\t")).hasSize((int) f.shape()[1]);
    assertThat(Files.readAllLines(p.resolve("metadata.tsv"))).hasSize(49).first().isEqualTo("file\tlabel");
    assertThat(Files.readString(p.resolve("projector_config.pbtxt"))).contains("tensor_path: \"tensors.tsv\"")
        .contains("metadata_path: \"metadata.tsv\"").contains("image_path: \"sprite.png\"");
    assertThat(ImageDecoder.read(p.resolve("sprite.png")).width()).isEqualTo(7 * 48);
    try (var s = Files.list(out)) {
      assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void umapMapHasOnePointPerReadableImage() {
    Path out = tmp.resolve("out-umap");
    Cli.Result r = Cli.run("embed", "--images", images.toString(), "--out", out.toString(), "--map", "umap",
        "--no-projector", "--index", "hnsw");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Npy.read(out.resolve("map-umap.npy")).shape()).containsExactly(48, 2);
    assertThat(out.resolve("projector")).doesNotExist();
  }

  @Test
  void clearErrorsForAMissingFolderAndAnUnknownMap() {
    Cli.Result r = Cli.run("embed", "--images", tmp.resolve("nope").toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("nope").contains("does not exist");
    Cli.Result m = Cli.run("embed", "--images", images.toString(), "--out", tmp.resolve("o").toString(), "--map", "mds");
    assertThat(m.exitCode()).isNotZero();
    assertThat(m.err()).contains("Unknown map 'mds'");
  }
}
