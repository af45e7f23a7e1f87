package org.gradcam4j.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side of downloading, against a local server that misbehaves in the ways real ones do. */
class ModelDownloaderTest {
  private static final byte[] CONTENT = randomBytes(300_000, 7);
  private static final String SHA = sha256(CONTENT);

  @TempDir Path dir;
  private LocalFileServer server;
  private final ModelDownloader downloader = new ModelDownloader(ModelDownloader.defaultClient(), Duration.ofSeconds(20),
      Duration.ofSeconds(20));
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void start() throws IOException {
    server = new LocalFileServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void downloadsVerifiesAndMovesIntoPlace() throws IOException {
    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");

    downloader.download(file("/m.onnx", SHA, CONTENT.length), target, part, listener);

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(part).doesNotExist();
    assertThat(listener.started).containsExactly("m.onnx total=300000 resumed=0");
    assertThat(listener.done).isSorted().last().isEqualTo((long) CONTENT.length);
    assertThat(listener.finished).containsExactly(true);
  }

  @Test
  void aWrongChecksumDeletesTheDownloadAndGivesBothValues() {
    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    String wrong = "0".repeat(64);
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");

    assertThatThrownBy(() -> downloader.download(file("/m.onnx", wrong, CONTENT.length), target, part, listener))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(wrong)
        .hasMessageContaining(SHA)
        .satisfies(e -> {
          assertThat(((ChecksumMismatchException) e).expected()).isEqualTo(wrong);
          assertThat(((ChecksumMismatchException) e).actual()).isEqualTo(SHA);
        });
    assertThat(target).doesNotExist();
    assertThat(part).doesNotExist();
    assertThat(listener.finished).containsExactly(false);
  }

  @Test
  void aTransferCutOffKeepsThePartAndTheNextAttemptResumesIt() throws IOException {
    int cut = 123_456;
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");
    RemoteFile file = file("/m.onnx", SHA, CONTENT.length);
    try (CuttingServer cutting = CuttingServer.dropsAfter(CONTENT, cut)) {
      // The catalogue URL stays the same; on the first attempt it leads to the server that hangs up.
      server.serve("/m.onnx", LocalFileServer.redirectToUrl(cutting.url("/m.onnx")));

      assertThatThrownBy(() -> downloader.download(file, target, part, listener))
          .isInstanceOf(ModelDownloadException.class)
          .hasMessageContaining("stopped after " + cut + " of " + CONTENT.length + " bytes")
          .hasMessageContaining(part.toAbsolutePath().toString())
          .hasMessageContaining("run the command again to resume");
    }
    assertThat(target).doesNotExist();
    assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(CONTENT, cut));
    assertThat(listener.finished).containsExactly(false);

    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    downloader.download(file, target, part, listener);

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.requests().get(1).range()).isEqualTo("bytes=" + cut + "-");
    assertThat(server.bodyBytesSent()).isEqualTo(CONTENT.length - cut);
  }

  @Test
  void aServerThatGoesSilentIsGivenUpOnAndThePartKept() throws IOException {
    int cut = 70_000;
    ModelDownloader impatient = new ModelDownloader(ModelDownloader.defaultClient(), Duration.ofSeconds(20),
        Duration.ofMillis(500));
    Path part = dir.resolve("m.onnx.part");
    try (CuttingServer silent = CuttingServer.stallsAfter(CONTENT, cut)) {
      RemoteFile file = new RemoteFile("m.onnx", silent.url("/m.onnx"), SHA, CONTENT.length, "test");

      assertThatThrownBy(() -> impatient.download(file, dir.resolve("m.onnx"), part, listener))
          .isInstanceOf(ModelDownloadException.class)
          .hasMessageContaining("stopped after " + cut)
          .hasMessageContaining("no data arrived for");
    }
    assertThat(Files.size(part)).isEqualTo(cut);
  }

  @Test
  void resumesAnExistingPartWithARangeRequest() throws IOException {
    int have = 200_000;
    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");
    Files.write(part, Arrays.copyOf(CONTENT, have));

    downloader.download(file("/m.onnx", SHA, CONTENT.length), target, part, listener);

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.requests()).extracting(LocalFileServer.Request::range).containsExactly("bytes=" + have + "-");
    assertThat(server.bodyBytesSent()).isEqualTo(CONTENT.length - have);
    assertThat(listener.started).containsExactly("m.onnx total=300000 resumed=" + have);
  }

  @Test
  void startsOverCleanlyWhenTheServerIgnoresTheRange() throws IOException {
    server.serve("/m.onnx", LocalFileServer.ignoringRanges(CONTENT));
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");
    // Garbage in the part proves that nothing of it survives when the server sends the whole file.
    Files.write(part, randomBytes(100_000, 99));

    downloader.download(file("/m.onnx", SHA, CONTENT.length), target, part, listener);

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.requests()).extracting(LocalFileServer.Request::range).containsExactly("bytes=100000-");
    assertThat(listener.notes).anyMatch(n -> n.contains("does not support resuming"));
  }

  @Test
  void aCorruptPartIsCaughtByTheChecksumAndDeleted() {
    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    Path part = dir.resolve("m.onnx.part");
    byte[] corrupt = Arrays.copyOf(CONTENT, 50_000);
    corrupt[10] ^= 1;
    writeQuietly(part, corrupt);

    assertThatThrownBy(() -> downloader.download(file("/m.onnx", SHA, CONTENT.length), dir.resolve("m.onnx"), part,
        listener)).isInstanceOf(ChecksumMismatchException.class);
    assertThat(part).doesNotExist();
  }

  @Test
  void followsRedirectsAndKeepsTheRangeAcrossThem() throws IOException {
    server.serve("/raw/m.onnx", LocalFileServer.redirectTo("/media/m.onnx"));
    server.serve("/media/m.onnx", LocalFileServer.withRanges(CONTENT));
    Path target = dir.resolve("m.onnx");
    Path part = dir.resolve("m.onnx.part");
    Files.write(part, Arrays.copyOf(CONTENT, 1000));

    downloader.download(file("/raw/m.onnx", SHA, CONTENT.length), target, part, listener);

    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.requests()).extracting(LocalFileServer.Request::path).containsExactly("/raw/m.onnx", "/media/m.onnx");
    assertThat(server.requests().get(1).range()).isEqualTo("bytes=1000-");
  }

  @Test
  void connectionRefusedSaysWhatToDownloadAndWhereToPutIt() throws IOException {
    int port = LocalFileServer.unusedPort();
    String url = "http://127.0.0.1:" + port + "/models/m.onnx";
    RemoteFile file = new RemoteFile("m.onnx", url, SHA, CONTENT.length, "test");
    Path target = dir.resolve("cache").resolve("m.onnx");

    assertThatThrownBy(() -> downloader.download(file, target, dir.resolve("cache/m.onnx.part"), listener))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("could not connect to 127.0.0.1")
        .hasMessageContaining("download\n  " + url)
        .hasMessageContaining("sha256 " + SHA)
        .hasMessageContaining("save it as\n  " + target.toAbsolutePath());
  }

  @Test
  void anUnknownHostSaysSoAndGivesTheManualInstructions() {
    // ".invalid" is reserved (RFC 2606) and never resolves.
    RemoteFile file = new RemoteFile("m.onnx", "https://models.gradcam4j.invalid/m.onnx", SHA, 10, "test");
    Path target = dir.resolve("m.onnx");

    assertThatThrownBy(() -> downloader.download(file, target, dir.resolve("m.onnx.part"), listener))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("models.gradcam4j.invalid")
        .hasMessageContaining("https://models.gradcam4j.invalid/m.onnx")
        .hasMessageContaining(target.toAbsolutePath().toString());
  }

  @Test
  void anHttpErrorNamesTheStatusAndGivesTheManualInstructions() {
    server.serve("/m.onnx", LocalFileServer.status(404));
    Path target = dir.resolve("m.onnx");

    assertThatThrownBy(() -> downloader.download(file("/m.onnx", SHA, CONTENT.length), target,
        dir.resolve("m.onnx.part"), listener))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining(server.url("/m.onnx"))
        .hasMessageContaining(SHA)
        .hasMessageContaining(target.toAbsolutePath().toString());
    assertThat(target).doesNotExist();
  }

  @Test
  void aFileOfTheWrongSizeIsRefusedBeforeItIsDownloaded() {
    server.serve("/m.onnx", LocalFileServer.withRanges(CONTENT));
    Path part = dir.resolve("m.onnx.part");

    assertThatThrownBy(() -> downloader.download(file("/m.onnx", SHA, CONTENT.length + 1), dir.resolve("m.onnx"), part,
        listener))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("announces " + CONTENT.length + " bytes");
    assertThat(listener.started).isEmpty(); // refused on the headers, before the transfer began
    assertThat(part).doesNotExist();
  }

  private RemoteFile file(String path, String sha, long size) {
    return new RemoteFile("m.onnx", server.url(path), sha, size, "test");
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void writeQuietly(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Keeps every callback for the assertions. */
  static final class RecordingListener implements ProgressListener {
    final List<String> started = new ArrayList<>();
    final List<Long> done = new ArrayList<>();
    final List<Boolean> finished = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    @Override
    public synchronized void started(String fileName, long totalBytes, long resumedFrom) {
      started.add(fileName + " total=" + totalBytes + " resumed=" + resumedFrom);
    }

    @Override
    public synchronized void progress(long bytesDone, long totalBytes) {
      done.add(bytesDone);
    }

    @Override
    public synchronized void finished(boolean success) {
      finished.add(success);
    }

    @Override
    public synchronized void note(String message) {
      notes.add(message);
    }
  }
}
