package org.gradcam4j.zoo;

import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.PreprocessingSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalogue is data that nobody compiles: these checks are its type system. */
class ModelCatalogTest {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> PRESETS = Set.of("imagenet", "caffe-bgr", "inception", "none");
  private final ModelCatalog catalog = ModelCatalog.builtIn();

  @Test
  void holdsTheModelsUsersAskForByName() {
    assertThat(catalog.entries()).extracting(CatalogEntry::name).contains(
        "resnet50", "vgg16", "mobilenetv2", "squeezenet1.1", "densenet121", "efficientnet-lite4", "googlenet");
  }

  @Test
  void everyDownloadIsAWellFormedHttpsUrlWithChecksumSizeAndSource() {
    List<RemoteFile> files = new java.util.ArrayList<>();
    catalog.entries().forEach(e -> files.add(e.download()));
    catalog.labelSets().forEach(l -> files.add(l.file()));
    assertThat(files).hasSizeGreaterThan(7);
    for (RemoteFile f : files) {
      URI uri = URI.create(f.url());
      assertThat(uri.getScheme()).as(f.fileName()).isEqualTo("https");
      assertThat(uri.getHost()).as(f.fileName()).isNotBlank();
      assertThat(uri.getPath()).as(f.fileName()).endsWith(f.fileName().endsWith(".txt") ? ".txt"
          : f.fileName().substring(f.fileName().lastIndexOf('.')));
      assertThat(f.sha256()).as(f.fileName()).matches(SHA256);
      assertThat(f.size()).as(f.fileName()).isPositive();
      assertThat(f.source()).as(f.fileName()).isNotBlank();
    }
  }

  @Test
  void everyZooDownloadIsPinnedToTheCommitItsChecksumWasReadAt() {
    Pattern pinned = Pattern.compile("https://github\\.com/onnx/models/raw/([0-9a-f]{40})/.+");
    for (CatalogEntry e : catalog.entries()) {
      var m = pinned.matcher(e.download().url());
      assertThat(m.matches()).as(e.name() + ": " + e.download().url()).isTrue();
      assertThat(e.download().source()).as(e.name()).contains(m.group(1));
    }
  }

  @Test
  void everyEntryIsCompleteAndUsable() {
    for (CatalogEntry e : catalog.entries()) {
      assertThat(e.description()).as(e.name()).isNotBlank();
      assertThat(e.source()).as(e.name()).isNotBlank();
      PreprocessingSpec p = e.preprocessing();
      if (p.preset() != null) {
        assertThat(PRESETS).as(e.name()).contains(p.preset());
      } else {
        assertThat(p.isExplicit()).as(e.name() + " needs a preset or all explicit values").isTrue();
      }
      assertThat(e.input().shape()).as(e.name()).hasSize(4);
      assertThat(e.labels()).as(e.name()).isNotNull();
      assertThat(catalog.labelsOf(e)).as(e.name()).isPresent();
      assertThat(e.modelFileName()).as(e.name()).endsWith(".onnx");
      assertThat(e.defaultLayer()).as(e.name()).isNotBlank();
      assertThat(e.scoreTensor()).as(e.name()).isNotBlank();
    }
  }

  @Test
  void namesAndCacheFilesAreUnique() {
    Set<String> names = new HashSet<>();
    Set<String> files = new HashSet<>();
    for (CatalogEntry e : catalog.entries()) {
      assertThat(names.add(e.name())).as("duplicate name " + e.name()).isTrue();
      assertThat(files.add(e.download().fileName())).as("duplicate file " + e.download().fileName()).isTrue();
      if (e.archive() != null) {
        assertThat(files.add(e.modelFileName())).isTrue();
      }
    }
    for (LabelSet l : catalog.labelSets()) {
      assertThat(files.add(l.file().fileName())).isTrue();
    }
  }

  @Test
  void theNhwcModelIsMarkedAsNotYetSupported() {
    CatalogEntry efficientnet = catalog.require("efficientnet-lite4");
    assertThat(efficientnet.preprocessing().layout()).isEqualTo("NHWC");
    assertThat(efficientnet.input().shape()).containsExactly(1L, 224L, 224L, 3L);
    assertThat(efficientnet.isSupported()).isFalse();
    assertThat(efficientnet.limitations()).singleElement().asString().contains("NHWC");
    // Every other entry is NCHW, so a limitation is the exception, not the rule.
    for (CatalogEntry e : catalog.entries()) {
      if (e != efficientnet) {
        assertThat(e.preprocessing().layoutOrDefault()).as(e.name()).isEqualTo("NCHW");
        assertThat(e.isSupported()).as(e.name()).isTrue();
      }
    }
  }

  @Test
  void entriesProduceCardsThatSurviveAWriteAndRead(@TempDir Path dir) {
    for (CatalogEntry e : catalog.entries()) {
      Path model = dir.resolve(e.modelFileName());
      e.toModelCard("imagenet-synsets.txt").write(ModelCard.sidecarFor(model));

      ModelCard card = ModelCard.find(model).orElseThrow();

      assertThat(card).as(e.name()).isEqualTo(e.toModelCard("imagenet-synsets.txt"));
      assertThat(card.labels().file()).isEqualTo("imagenet-synsets.txt");
    }
  }

  @Test
  void lookupIgnoresCaseAndAnUnknownNameListsTheKnownOnes() {
    assertThat(catalog.find("ResNet50")).map(CatalogEntry::name).contains("resnet50");
    assertThatThrownBy(() -> catalog.require("alexnet"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("alexnet")
        .hasMessageContaining("resnet50")
        .hasMessageContaining(".onnx");
  }

  @Test
  void aCatalogueWithDuplicateNamesOrAMissingLabelSetIsRejected() {
    String twice = "{\"models\": [" + model("m", "a.onnx", null) + ", " + model("m", "b.onnx", null) + "]}";
    assertThatThrownBy(() -> ModelCatalog.parse(twice.getBytes(StandardCharsets.UTF_8), "test.json"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("'m' is defined twice");

    String sameFile = "{\"models\": [" + model("m", "a.onnx", null) + ", " + model("n", "a.onnx", null) + "]}";
    assertThatThrownBy(() -> ModelCatalog.parse(sameFile.getBytes(StandardCharsets.UTF_8), "test.json"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("cache file name 'a.onnx'");

    String missing = "{\"models\": [" + model("m", "a.onnx", "nowhere") + "]}";
    assertThatThrownBy(() -> ModelCatalog.parse(missing.getBytes(StandardCharsets.UTF_8), "test.json"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("label set 'nowhere'");
  }

  @Test
  void aBadChecksumInACatalogueNamesTheField() {
    String json = """
        {"models": [{"name": "m", "description": "d",
         "download": {"fileName": "m.onnx", "url": "https://example.org/m.onnx", "sha256": "123", "size": 1, "source": "s"},
         "preprocessing": {"preset": "imagenet"}, "input": {"shape": [1, 3, 224, 224]}, "source": "s"}]}""";
    assertThatThrownBy(() -> ModelCatalog.parse(json.getBytes(StandardCharsets.UTF_8), "test.json"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("models[0].download")
        .hasMessageContaining("64 hex digits");
  }

  private static String model(String name, String file, String labels) {
    return "{\"name\": \"" + name + "\", \"description\": \"d\","
        + (labels == null ? "" : " \"labels\": \"" + labels + "\",")
        + " \"download\": {\"fileName\": \"" + file + "\", \"url\": \"https://example.org/" + file + "\","
        + " \"sha256\": \"" + "ab".repeat(32) + "\", \"size\": 1, \"source\": \"s\"},"
        + " \"preprocessing\": {\"preset\": \"imagenet\"}, \"input\": {\"shape\": [1, 3, 224, 224]},"
        + " \"source\": \"s\"}";
  }
}
