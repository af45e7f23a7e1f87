package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verb end to end with the built-in demo model on small folders of synthetic shapes. */
class ConceptsCommandTest {
  private static final SyntheticDataset DATA = new SyntheticDataset(5);
  private static final int STAR = TargetShape.STAR.label();

  @TempDir
  static Path tmp;

  static Path stars;
  static Path plainStars;
  static Path randomSets;

  @BeforeAll
  static void drawFolders() throws Exception {
    stars = write(tmp.resolve("stars"), 0, 10, i -> DATA.labelOf(i) == STAR, false);
    plainStars = write(tmp.resolve("plain-stars"), 10_000, 10, i -> DATA.labelOf(i) == STAR, true);
    randomSets = tmp.resolve("random");
    for (int s = 0; s < 3; s++) {
      write(randomSets.resolve("random" + s), 20_000 + 1000 * s, 8, i -> true, true);
    }
    Files.writeString(stars.resolve("broken.png"), "not an image");
  }

  private static Path write(Path dir, int from, int count, IntPredicate keep, boolean plain) throws Exception {
    int written = 0;
    for (int i = from; written < count; i++) {
      if (keep.test(i)) {
        PngWriter.write(dir.resolve(i + ".png"), plain ? DATA.easySample(i).image() : DATA.sample(i).image());
        written++;
      }
    }
    return dir;
  }

  /** The verb with working options, of which {@code changes} (option, value or null for a flag, ...) replace some. */
  private static Cli.Result concepts(Path out, String... changes) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put("--layer", "relu4");
    options.put("--class", "star");
    options.put("--images", stars.toString());
    options.put("--concept", "plain-star=" + plainStars);
    options.put("--random", randomSets.toString());
    options.put("--repeats", "2");
    options.put("--out", out.toString());
    for (int i = 0; i < changes.length; i += 2) {
      options.put(changes[i], changes[i + 1]);
    }
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("concepts"));
    options.forEach((k, v) -> {
      args.add(k);
      if (v != null) {
        args.add(v);
      }
    });
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  void printsTheTableAndWritesTheJsonAndThePlot() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = concepts(out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("TCAV of class 3 (star) at layer 'relu4'", "plain-star", "(random)");
    assertThat(r.err()).contains("skipped " + stars.resolve("broken.png"), "wrote",
        "gradcam4j: activations of concept 'plain-star' (" + plainStars + ")");
    JsonNode json = new ObjectMapper().readTree(out.resolve("tcav.json").toFile());
    assertThat(json.get("class").asInt()).isEqualTo(STAR);
    assertThat(json.get("classImages").asInt()).isEqualTo(10);
    assertThat(json.get("repeats").asInt()).isEqualTo(2);
    JsonNode concept = json.get("concepts").get(0);
    assertThat(concept.get("name").asText()).isEqualTo("plain-star");
    assertThat(concept.get("scores")).hasSize(2);
    // Every score is a fraction of the ten class images.
    for (JsonNode s : concept.get("scores")) {
      assertThat(s.asDouble() * 10).isCloseTo(Math.rint(s.asDouble() * 10), org.assertj.core.data.Offset.offset(1e-9));
    }
    double p = concept.get("p").asDouble();
    assertThat(concept.get("significant").asBoolean()).isEqualTo(p < 0.05);
    assertThat(json.get("randomBaseline").get("scores")).hasSize(2);
    assertThat(json.get("skipped")).hasSize(1);
    assertThat(ImageDecoder.read(out.resolve("tcav.png")).width()).isGreaterThan(300);
  }

  @Test
  void channelMeansAreRecorded() throws Exception {
    Path out = tmp.resolve("out-means");
    Cli.Result r = concepts(out, "--channel-means", null);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("at layer 'relu4' (channel means)");
    JsonNode json = new ObjectMapper().readTree(out.resolve("tcav.json").toFile());
    assertThat(json.get("channelMeans").asBoolean()).isTrue();
    assertThat(json.get("concepts").get(0).get("scores")).hasSize(2);
  }

  @Test
  void classesAreGivenByIndexOrByLabel() {
    java.util.List<String> names = java.util.List.of("circle", "square", "Star");
    assertThat(ConceptsCommand.classIndex("2", names, 3)).isEqualTo(2);
    assertThat(ConceptsCommand.classIndex("square", names, 3)).isEqualTo(1);
    assertThat(ConceptsCommand.classIndex("star", names, 3)).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConceptsCommand.classIndex("hexagon", names, 3))
        .hasMessageContaining("--class 'hexagon' is no class name of this model; its classes are circle, square, Star");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConceptsCommand.classIndex("3", names, 3))
        .hasMessageContaining("--class 3 is out of range: the model has 3 classes (0-2)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConceptsCommand.classIndex("x", java.util.List.of(), 3))
        .hasMessageContaining("it has no class names");
  }

  @Test
  void badInputStopsWithAMessageThatNamesIt() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(concepts(tmp.resolve("o1"), "--concept", "nothing=" + empty).err())
        .contains("No .png, .jpg or .jpeg images in " + empty);
    assertThat(concepts(tmp.resolve("o2"), "--layer", "no-such-layer").err()).contains("Unknown layer 'no-such-layer'");
    assertThat(concepts(tmp.resolve("o5"), "--repeats", "3").err())
        .contains("3 repeats need 4 random folders", "3 folders in " + randomSets);
    Path few = write(tmp.resolve("few"), 30_000, 3, i -> true, true);
    assertThat(concepts(tmp.resolve("o6"), "--concept", "few=" + few).err())
        .contains("concept 'few'", "has 3 readable images; TCAV needs at least 6");
    assertThat(concepts(tmp.resolve("o7"), "--repeats", "1").exitCode()).isEqualTo(1);
    for (String o : new String[] {"o1", "o2", "o5", "o6", "o7"}) {
      assertThat(tmp.resolve(o)).doesNotExist();
    }
  }
}
