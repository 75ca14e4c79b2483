package dev.rayform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.core.launch.EmbeddedStack;
import dev.rayform.core.launch.WorkerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on its own classpath, as the gateway image carries it: no DJL, no embedded default, no
 * worker; asking for either is a clear error before anything starts.
 */
class LauncherAloneTest {
  @Test
  void theClasspathHasNoDjlNoEmbeddedDefaultAndNoWorker() {
    assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine")).isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("dev.rayform.workers.platform.WorkerVerticle")).isInstanceOf(ClassNotFoundException.class);
    assertThat(EmbeddedStack.provider()).isEmpty();
    assertThat(WorkerRuntime.factory()).isEmpty();
  }

  @Test
  void serveWithoutAddressesNeedsTheEmbeddedDefault(@TempDir Path dir) {
    Path data = dir.resolve("data");
    CommandRun.Result r = CommandRun.run("serve", "--role", "gateway", "--data-dir", data.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[invalid_argument]: this distribution has no embedded default")
        .contains("give --kafka, --pg and --store");
    assertThat(Files.exists(data)).as("nothing started").isFalse();
  }

  @Test
  void aWorkerRoleNeedsTheWorkers(@TempDir Path dir) {
    Path data = dir.resolve("data");
    CommandRun.Result r = CommandRun.run("serve", "--role", "worker", "--kafka", "kafka:9092", "--pg",
        "postgresql://rayform:secret@db:5432/rayform", "--store", "file:///tmp/never", "--data-dir", data.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[invalid_argument]: this distribution has no worker");
    assertThat(Files.exists(data)).as("nothing started").isFalse();
  }

  @Test
  void keysWithoutADatabaseAddressNeedTheEmbeddedDefault(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    CommandRun.Result r = CommandRun.run("keys", "list", "--data-dir", dir.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no embedded default");
  }
}
