package org.gradcam4j.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.zoo.ModelDownloaderTest.randomBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzMemberTest {
  private static final byte[] MODEL = randomBytes(10_000, 11);

  @TempDir Path dir;

  @Test
  void takesTheOnlyOnnxFileAndSkipsTheRest() throws IOException {
    Path archive = archive(new TarGzWriter()
        .folder("resnet50v1")
        .file("resnet50v1/test_data_set_0/input_0.pb", randomBytes(777, 1))
        .file("resnet50v1/._resnet50-v1-7.onnx", randomBytes(100, 2))
        .file("resnet50v1/resnet50-v1-7.onnx", MODEL)
        .file("resnet50v1/test_data_set_0/output_0.pb", randomBytes(513, 3)));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String name = TarGzMember.extract(archive, null, out);

    assertThat(name).isEqualTo("resnet50v1/resnet50-v1-7.onnx");
    assertThat(out.toByteArray()).isEqualTo(MODEL);
  }

  @Test
  void takesANamedMemberAndReadsLongNames() throws IOException {
    String longPath = "a/" + "very-long-folder-name/".repeat(6) + "model.onnx";
    Path archive = archive(new TarGzWriter()
        .file("./other.onnx", randomBytes(10, 4))
        .file(longPath, MODEL));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(TarGzMember.extract(archive, longPath, out)).isEqualTo(longPath);
    assertThat(out.toByteArray()).isEqualTo(MODEL);
  }

  @Test
  void severalOnnxFilesWithoutAMemberNameAreAnError() throws IOException {
    Path archive = archive(new TarGzWriter().file("a.onnx", MODEL).file("b.onnx", MODEL));
    assertThatThrownBy(() -> TarGzMember.extract(archive, null, new ByteArrayOutputStream()))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("a.onnx, b.onnx");
  }

  @Test
  void aMissingMemberListsWhatIsThere() throws IOException {
    Path archive = archive(new TarGzWriter().file("readme.txt", new byte[5]));
    assertThatThrownBy(() -> TarGzMember.extract(archive, null, new ByteArrayOutputStream()))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("no .onnx file")
        .hasMessageContaining("readme.txt");
  }

  @Test
  void aTruncatedArchiveIsReportedAsSuch() throws IOException {
    byte[] full = new TarGzWriter().file("m.onnx", randomBytes(200_000, 5)).build();
    Path archive = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(full, full.length / 2));
    assertThatThrownBy(() -> TarGzMember.extract(archive, null, new ByteArrayOutputStream()))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("truncated");
  }

  private Path archive(TarGzWriter writer) throws IOException {
    return Files.write(dir.resolve("test.tar.gz"), writer.build());
  }
}
