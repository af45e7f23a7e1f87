package org.gradcam4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
  @TempDir Path dir;

  @Test
  void theCardOfAModelIsItsNameWithJsonInsteadOfOnnx() {
    assertThat(ModelCard.sidecarFor(Path.of("models", "resnet50.onnx"))).isEqualTo(Path.of("models", "resnet50.json"));
    assertThat(ModelCard.sidecarFor(Path.of("m.v2.ONNX"))).isEqualTo(Path.of("m.v2.json"));
    assertThat(ModelCard.sidecarFor(Path.of("model.bin"))).isEqualTo(Path.of("model.bin.json"));
  }

  @Test
  void findIsEmptyWithoutACard() {
    assertThat(ModelCard.find(dir.resolve("plain.onnx"))).isEmpty();
  }

  @Test
  void readsEveryFieldAUserWrites() throws IOException {
    write("resnet.json", """
        {
          "description": "fine-tuned ResNet",
          "preprocessing": {"preset": "imagenet", "resize": 320, "crop": 288, "channelOrder": "bgr",
                            "scale": 1.0, "mean": [104, 117, 123], "std": [1, 1, 1], "layout": "nchw"},
          "labels": "classes.txt",
          "defaultLayer": "layer4",
          "scoreTensor": "logits"
        }""");
    write("classes.txt", "ok\nscratch\ndent\n");

    ModelCard card = ModelCard.find(dir.resolve("resnet.onnx")).orElseThrow();

    assertThat(card.description()).isEqualTo("fine-tuned ResNet");
    PreprocessingSpec p = card.preprocessing();
    assertThat(p.resize()).isEqualTo(320);
    assertThat(p.crop()).isEqualTo(288);
    assertThat(p.channelOrder()).isEqualTo("BGR");
    assertThat(p.mean()).containsExactly(104f, 117f, 123f);
    assertThat(p.layout()).isEqualTo("NCHW");
    assertThat(card.defaultLayerName()).contains("layer4");
    assertThat(card.scoreTensorName()).contains("logits");
    assertThat(card.loadLabels(dir.resolve("resnet.json"))).contains(List.of("ok", "scratch", "dent"));
  }

  @Test
  void labelsMayBeWrittenInline() throws IOException {
    write("m.json", "{\"labels\": [\"cat\", \"dog\"]}");

    ModelCard card = ModelCard.read(dir.resolve("m.json"));

    assertThat(card.labels().names()).containsExactly("cat", "dog");
    assertThat(card.loadLabels(dir.resolve("m.json"))).contains(List.of("cat", "dog"));
  }

  @Test
  void anEmptyCardLeavesEverythingToGradcam4j() throws IOException {
    write("m.json", "{}");

    ModelCard card = ModelCard.read(dir.resolve("m.json"));

    assertThat(card.defaultLayerName()).isEmpty();
    assertThat(card.scoreTensorName()).isEmpty();
    assertThat(card.loadLabels(dir.resolve("m.json"))).isEmpty();
    assertThat(new ModelCard(null, null, null, "AUTO", "auto").defaultLayerName()).isEmpty();
  }

  @Test
  void writeThenReadGivesTheSameCardAndLeavesNoTemporaryFiles() throws IOException {
    ModelCard card = new ModelCard("d", new PreprocessingSpec("caffe-bgr", 224, 224, null, null, null,
        List.of(58.8f, 58.8f, 58.8f), null), ModelCard.Labels.inline(List.of("a", "b")), "conv5", null);
    Path file = dir.resolve("m.json");

    card.write(file);

    assertThat(ModelCard.read(file)).isEqualTo(card);
    assertThat(Files.readString(file)).doesNotContain("null").doesNotContain("scoreTensor");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void anUnknownFieldIsRejectedNamingTheFieldAndTheFile() throws IOException {
    write("m.json", "{\"descripton\": \"typo\"}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("m.json")))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("'descripton'")
        .hasMessageContaining(dir.resolve("m.json").toString())
        .hasMessageContaining("description");

    write("n.json", "{\"preprocessing\": {\"preset\": \"imagenet\", \"meen\": [0, 0, 0]}}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("n.json")))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("'preprocessing.meen'")
        .hasMessageContaining("n.json");
  }

  @Test
  void badValuesAreRejectedWithTheReason() throws IOException {
    write("a.json", "{\"preprocessing\": {\"channelOrder\": \"GBR\"}}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("a.json")))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("a.json")
        .hasMessageContaining("channelOrder must be \"RGB\" or \"BGR\"");

    write("b.json", "{\"preprocessing\": {\"mean\": [0.5, 0.5]}}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("b.json")))
        .isInstanceOf(GradCamException.class).hasMessageContaining("mean needs exactly 3 values");

    write("c.json", "{\"preprocessing\": {\"preset\": \"imagenett\"}}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("c.json")))
        .isInstanceOf(GradCamException.class).hasMessageContaining("unknown preset 'imagenett'")
        .hasMessageContaining("caffe-bgr, imagenet, inception, none");

    write("d.json", "{\"labels\": 3}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("d.json")))
        .isInstanceOf(GradCamException.class).hasMessageContaining("labels must be a file path");

    write("e.json", "{\"preprocessing\": {\"resize\": 256.5}}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("e.json")))
        .isInstanceOf(GradCamException.class).hasMessageContaining("preprocessing.resize");
  }

  @Test
  void brokenJsonGivesTheLine() throws IOException {
    write("m.json", "{\n  \"description\": \"x\",\n  \"labels\": \n}");
    assertThatThrownBy(() -> ModelCard.read(dir.resolve("m.json")))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("m.json")
        .hasMessageContaining("line 4");
  }

  @Test
  void aMissingLabelFileIsNamed() throws IOException {
    write("m.json", "{\"labels\": \"missing.txt\"}");
    ModelCard card = ModelCard.read(dir.resolve("m.json"));
    assertThatThrownBy(() -> card.loadLabels(dir.resolve("m.json")))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining(dir.resolve("missing.txt").toString());
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
