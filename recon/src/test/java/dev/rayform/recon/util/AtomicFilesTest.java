package dev.rayform.recon.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void writtenFilesGetTheSamePermissionsAsOrdinaryOnes(@TempDir Path dir) throws IOException {
    Path ordinary = Files.createFile(dir.resolve("ordinary"));
    Path atomic = dir.resolve("atomic");
    AtomicFiles.write(atomic, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(atomic)).containsExactly(1, 2, 3);
    assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(ordinary));
  }

  @Test
  void aFailedWriteLeavesNeitherTargetNorTemporaryFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("x.bin");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write(new byte[1000]);
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("x.bin");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anExistingFileIsReplacedWhole(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("x.bin");
    AtomicFiles.write(target, new byte[100]);
    AtomicFiles.write(target, new byte[] {7});
    assertThat(Files.readAllBytes(target)).containsExactly(7);
  }
}
