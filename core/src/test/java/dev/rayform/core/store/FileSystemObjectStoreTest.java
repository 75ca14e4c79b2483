package dev.rayform.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSystemObjectStoreTest extends ObjectStoreContractTest {
  private Path root;
  private FileSystemObjectStore store;

  @BeforeEach
  void open() {
    root = temp.resolve("objects");
    store = new FileSystemObjectStore(root);
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Test
  void createsTheRootAndKeysBecomeDirectories() throws Exception {
    assertThat(root).isDirectory();
    store.put("jobs/j1/mesh.glb", bytes("glb"), null);
    assertThat(root.resolve("jobs/j1/mesh.glb")).hasContent("glb");
  }

  @Test
  void failedPutLeavesNoTemporaryFile() throws Exception {
    store.put("jobs/j1/keep", bytes("keep"), null);
    InputStream failing = new FailingInputStream(randomBytes(50_000, 5), 20_000);

    assertThatThrownBy(() -> store.put("jobs/j1/mesh.glb", failing, 50_000, null))
        .isInstanceOf(ObjectStoreException.class);

    assertThat(allFiles()).containsExactly(root.resolve("jobs/j1/keep"));
  }

  @Test
  void listIgnoresTemporaryAndForeignFiles() throws Exception {
    store.put("a/b", bytes("b"), null);
    Files.writeString(root.resolve("a/.b.123.part"), "in flight");
    Files.createDirectories(root.resolve(".trash"));
    Files.writeString(root.resolve(".trash/x"), "x");
    Files.writeString(root.resolve("a/with space"), "not a key");

    assertThat(store.list("")).containsExactly("a/b");
    assertThat(store.list("a/")).containsExactly("a/b");
  }

  @Test
  void readersNeverSeeAPartialObject() throws Exception {
    byte[] small = randomBytes(10_000, 6);
    byte[] large = randomBytes(2_000_000, 7);
    store.put("k", small, null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          store.put("k", i % 2 == 0 ? large : small, null);
        }
      });
      Future<List<Integer>> reader = pool.submit(() -> {
        List<Integer> sizes = new ArrayList<>();
        while (!writer.isDone()) {
          try (InputStream in = store.get("k")) {
            sizes.add(in.readAllBytes().length);
          }
        }
        return sizes;
      });
      writer.get(30, TimeUnit.SECONDS);
      assertThat(reader.get(30, TimeUnit.SECONDS)).allMatch(n -> n == small.length || n == large.length);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noDownloadUrl() {
    store.put("k", bytes("x"), null);
    assertThat(store.downloadUrl("k", Duration.ofMinutes(5))).isEmpty();
  }

  @Test
  void missingFileToPutIsInvalidInput() {
    assertThatThrownBy(() -> store.put("k", temp.resolve("absent"), null))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_INPUT));
  }

  @Test
  void factoryOpensFileLocations() {
    try (ObjectStore fromUri = ObjectStores.open(root.toUri().toString())) {
      assertThat(fromUri).isInstanceOf(FileSystemObjectStore.class);
      store.put("shared", bytes("same root"), null);
      assertThat(fromUri.exists("shared")).isTrue();
    }
    try (ObjectStore fromTriple = ObjectStores.open("file://" + root)) {
      assertThat(((FileSystemObjectStore) fromTriple).root()).isEqualTo(root);
    }
  }

  private List<Path> allFiles() throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
