package org.gradcam4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void aWrittenFileIsReadableByAllLikeAnyProgramsOutput() throws IOException {
    Path file = dir.resolve("map.json");
    AtomicFiles.writeString(file, "{}\n");
    assertThat(Files.readString(file)).isEqualTo("{}\n");
    assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "no POSIX permissions here");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
  }

  @Test
  void aFailedWriteLeavesNeitherTheTargetNorATemporaryFile() throws IOException {
    Path file = dir.resolve("out.png");
    assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
      out.write(1);
      throw new IOException("disk full");
    })).hasMessageContaining("disk full");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
