package org.gradcam4j.zoo;

import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.PreprocessingSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.zoo.ModelDownloaderTest.randomBytes;
import static org.gradcam4j.zoo.ModelDownloaderTest.sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving catalogue names to verified local files, offline once cached. */
class ModelCacheTest {
  private static final byte[] MODEL = randomBytes(250_000, 1);
  private static final byte[] LABELS = "n01440764 tench, Tinca tinca\nn01443537 goldfish, Carassius auratus\n"
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private LocalFileServer server;
  private ModelCache cache;

  @BeforeEach
  void start() throws IOException {
    server = new LocalFileServer();
    server.serve("/models/tiny.onnx", LocalFileServer.withRanges(MODEL));
    server.serve("/labels/synset.txt", LocalFileServer.withRanges(LABELS));
    cache = new ModelCache(dir.resolve("cache"), catalog(directEntry()), downloader());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void downloadsOnceThenWorksWithoutTheServer() throws IOException {
    Path model = cache.resolve("tiny");

    assertThat(model).isEqualTo(dir.resolve("cache/models/tiny.onnx").toAbsolutePath());
    assertThat(Files.readAllBytes(model)).isEqualTo(MODEL);
    assertThat(server.hits("/models/tiny.onnx")).isEqualTo(1);
    assertThat(server.hits("/labels/synset.txt")).isEqualTo(1);

    server.close(); // from now on any request would fail
    Path again = cache.resolve("TINY");

    assertThat(again).isEqualTo(model);
    assertThat(cache.isCached(cache.catalog().require("tiny"))).isTrue();
  }

  @Test
  void theCachedModelCarriesACardWithItsPreprocessingLabelsAndLayer() {
    Path model = cache.resolve("tiny");

    ModelCard card = ModelCard.find(model).orElseThrow();
    assertThat(card.preprocessing().preset()).isEqualTo("caffe-bgr");
    assertThat(card.defaultLayerName()).contains("conv5");
    assertThat(card.scoreTensorName()).isEmpty();
    assertThat(card.loadLabels(ModelCard.sidecarFor(model))).contains(List.of("tench", "goldfish"));
  }

  @Test
  void aCardEditedByTheUserIsKept() throws IOException {
    Path model = cache.resolve("tiny");
    Path card = ModelCard.sidecarFor(model);
    new ModelCard("mine", null, null, "other_layer", null).write(card);

    cache.resolve("tiny");

    assertThat(ModelCard.read(card).defaultLayer()).isEqualTo("other_layer");
  }

  @Test
  void aVerifiedFileIsNotHashedAgainButAChangedOneIs() throws IOException {
    Path model = cache.resolve("tiny");
    FileTime time = Files.getLastModifiedTime(model);
    byte[] damaged = MODEL.clone();
    damaged[1000] ^= 1;
    Files.write(model, damaged);
    Files.setLastModifiedTime(model, time);

    // Same size and time as recorded: trusted without reading it (that is what the record is for).
    assertThat(cache.resolve("tiny")).isEqualTo(model);

    Files.setLastModifiedTime(model, FileTime.fromMillis(time.toMillis() - 60_000));
    assertThatThrownBy(() -> cache.resolve("tiny"))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(sha256(damaged))
        .hasMessageContaining(sha256(MODEL))
        .hasMessageContaining(model.toString());
  }

  @Test
  void aFileSavedByHandIsVerifiedAndUsedWithoutDownloading() throws IOException {
    Path models = Files.createDirectories(dir.resolve("cache/models"));
    Files.write(models.resolve("tiny.onnx"), MODEL);
    Files.write(models.resolve("synset.txt"), LABELS);

    Path model = cache.resolve("tiny");

    assertThat(model).isEqualTo(models.resolve("tiny.onnx").toAbsolutePath());
    assertThat(server.requests()).isEmpty();
    assertThat(VerificationRecord.pathFor(model)).exists();
  }

  @Test
  void aWrongFileSavedByHandIsReportedNotReplaced() throws IOException {
    Path models = Files.createDirectories(dir.resolve("cache/models"));
    byte[] wrong = randomBytes(1000, 5);
    Files.write(models.resolve("tiny.onnx"), wrong);

    assertThatThrownBy(() -> cache.resolve("tiny"))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(sha256(wrong))
        .hasMessageContaining(sha256(MODEL))
        .hasMessageContaining("Delete it");
    assertThat(Files.readAllBytes(models.resolve("tiny.onnx"))).isEqualTo(wrong);
    assertThat(server.hits("/models/tiny.onnx")).isZero();
  }

  @Test
  void anOlderVersionDownloadedEarlierIsReplaced() throws IOException {
    byte[] old = randomBytes(1000, 3);
    server.serve("/models/old.onnx", LocalFileServer.withRanges(old));
    RemoteFile oldFile = new RemoteFile("tiny.onnx", server.url("/models/old.onnx"), sha256(old), old.length, "test");
    cache.fetch(oldFile, ProgressListener.NONE);

    Path model = cache.resolve("tiny");

    assertThat(Files.readAllBytes(model)).isEqualTo(MODEL);
  }

  @Test
  void withoutNetworkTheMessageSaysWhatToDownloadAndWhere() throws IOException {
    int port = LocalFileServer.unusedPort();
    RemoteFile offline = new RemoteFile("tiny.onnx", "http://127.0.0.1:" + port + "/tiny.onnx", sha256(MODEL),
        MODEL.length, "test");
    ModelCache offlineCache = new ModelCache(dir.resolve("cache"), catalog(entry(offline, null)), downloader());

    assertThatThrownBy(() -> offlineCache.resolve("tiny"))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("http://127.0.0.1:" + port + "/tiny.onnx")
        .hasMessageContaining(sha256(MODEL))
        .hasMessageContaining(dir.resolve("cache/models/tiny.onnx").toAbsolutePath().toString());
  }

  @Test
  void concurrentResolvesDownloadOnce() throws Exception {
    server.serve("/models/tiny.onnx", LocalFileServer.slow(300, LocalFileServer.withRanges(MODEL)));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Callable<Path> resolve = () -> cache.resolve("tiny");
      List<Future<Path>> results = pool.invokeAll(List.of(resolve, resolve, resolve));
      for (Future<Path> result : results) {
        assertThat(Files.readAllBytes(result.get())).isEqualTo(MODEL);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.hits("/models/tiny.onnx")).isEqualTo(1);
    try (var files = Files.list(dir.resolve("cache/models"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void aModelInsideATarGzIsUnpackedAndTheArchiveRemoved() throws IOException {
    byte[] archive = new TarGzWriter()
        .folder("tiny")
        .file("tiny/model.onnx", MODEL)
        .file("tiny/test_data_set_0/input_0.pb", randomBytes(3000, 2))
        .build();
    server.serve("/models/tiny.tar.gz", LocalFileServer.withRanges(archive));
    RemoteFile download = new RemoteFile("tiny.tar.gz", server.url("/models/tiny.tar.gz"), sha256(archive),
        archive.length, "test");
    CatalogEntry entry = new CatalogEntry("tiny", "a tiny test model", download,
        new CatalogEntry.Archive("tar.gz", null), "tiny-1.onnx", "synsets", PreprocessingSpec.preset("imagenet"),
        new CatalogEntry.Input(null, List.of(1L, 3L, 8L, 8L)), null, null, null, List.of(), "test");
    ModelCache archiveCache = new ModelCache(dir.resolve("cache"), catalog(entry), downloader());

    Path model = archiveCache.resolve("tiny");

    assertThat(model.getFileName().toString()).isEqualTo("tiny-1.onnx");
    assertThat(Files.readAllBytes(model)).isEqualTo(MODEL);
    assertThat(dir.resolve("cache/models/tiny.tar.gz")).doesNotExist();
    assertThat(ModelCard.find(model).orElseThrow().preprocessing().preset()).isEqualTo("imagenet");

    server.close();
    assertThat(archiveCache.resolve("tiny")).isEqualTo(model);
  }

  @Test
  void anUnpackedModelWithoutARecordIsNotTrusted() throws IOException {
    Path models = Files.createDirectories(dir.resolve("cache/models"));
    Files.write(models.resolve("tiny-1.onnx"), MODEL);
    RemoteFile download = new RemoteFile("tiny.tar.gz", server.url("/models/tiny.tar.gz"), "a".repeat(64), 10, "test");
    CatalogEntry entry = new CatalogEntry("tiny", "a tiny test model", download,
        new CatalogEntry.Archive("tar.gz", null), "tiny-1.onnx", null, PreprocessingSpec.preset("imagenet"),
        new CatalogEntry.Input(null, List.of(1L, 3L, 8L, 8L)), null, null, null, List.of(), "test");
    ModelCache archiveCache = new ModelCache(dir.resolve("cache"), catalog(entry), downloader());

    assertThatThrownBy(() -> archiveCache.resolve("tiny"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("cannot be verified")
        .hasMessageContaining(models.resolve("tiny.tar.gz").toAbsolutePath().toString());
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> cache.resolve("resnet9000"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("resnet9000")
        .hasMessageContaining("tiny");
  }

  @Test
  void theCacheFolderComesFromThePropertyThenTheEnvironmentThenHome() {
    assertThat(ModelCache.defaultRoot("/p/cache", "/e/cache", "/home/u")).isEqualTo(Path.of("/p/cache"));
    assertThat(ModelCache.defaultRoot(null, "/e/cache", "/home/u")).isEqualTo(Path.of("/e/cache"));
    assertThat(ModelCache.defaultRoot(" ", "", "/home/u")).isEqualTo(Path.of("/home/u/.cache/gradcam4j"));
    assertThat(ModelCache.defaultRoot("~/models", null, "/home/u")).isEqualTo(Path.of("/home/u/models"));
  }

  private CatalogEntry directEntry() {
    RemoteFile file = new RemoteFile("tiny.onnx", server.url("/models/tiny.onnx"), sha256(MODEL), MODEL.length, "test");
    return entry(file, "synsets");
  }

  private static CatalogEntry entry(RemoteFile file, String labels) {
    return new CatalogEntry("tiny", "a tiny test model", file, null, null, labels,
        PreprocessingSpec.preset("caffe-bgr"), new CatalogEntry.Input("data", List.of(1L, 3L, 8L, 8L)),
        new CatalogEntry.Output(null, null, "logits"), "conv5", "auto", List.of(), "test");
  }

  private ModelCatalog catalog(CatalogEntry entry) {
    LabelSet synsets = new LabelSet("synsets", "two classes",
        new RemoteFile("synset.txt", server.url("/labels/synset.txt"), sha256(LABELS), LABELS.length, "test"));
    return ModelCatalog.of(List.of(entry), List.of(synsets));
  }

  private static ModelDownloader downloader() {
    return new ModelDownloader(ModelDownloader.defaultClient(), Duration.ofSeconds(20), Duration.ofSeconds(20));
  }
}
