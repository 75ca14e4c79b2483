package dev.rayform.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStore} must do. Subclasses supply a fresh, empty store per test.
 */
abstract class ObjectStoreContractTest {

  @TempDir Path temp;

  /** An empty store, valid for the current test. */
  protected abstract ObjectStore store();

  /** Whether the server behind the store lists nothing after an aborted upload. */
  protected boolean abortedPutsLeaveNoStrayKeys() {
    return true;
  }

  @Test
  void bytesRoundTripWithSizeAndSha256() throws Exception {
    byte[] content = "a mesh, more or less".getBytes(StandardCharsets.UTF_8);
    StoredObject stored = store().put("jobs/j1/mesh.glb", content, "model/gltf-binary");

    assertThat(stored).isEqualTo(new StoredObject("jobs/j1/mesh.glb", content.length, sha256(content)));
    assertThat(read("jobs/j1/mesh.glb")).isEqualTo(content);
    assertThat(store().exists("jobs/j1/mesh.glb")).isTrue();
    assertThat(store().size("jobs/j1/mesh.glb")).isEqualTo(content.length);
  }

  @Test
  void fileAndStreamPutsStoreTheSameContent() throws Exception {
    byte[] content = randomBytes(3 * 1024 * 1024 + 17, 1);
    Path file = temp.resolve("big.bin");
    Files.write(file, content);

    StoredObject fromFile = store().put("a/file.bin", file, "application/octet-stream");
    StoredObject fromStream = store().put("a/stream.bin", new ByteArrayInputStream(content), content.length, null);

    assertThat(fromFile.sha256()).isEqualTo(sha256(content)).isEqualTo(fromStream.sha256());
    assertThat(fromFile.size()).isEqualTo(content.length);
    assertThat(read("a/file.bin")).isEqualTo(content);
    assertThat(read("a/stream.bin")).isEqualTo(content);
  }

  @Test
  void emptyObject() throws Exception {
    StoredObject stored = store().put("empty", new byte[0], "text/plain");
    assertThat(stored.size()).isZero();
    assertThat(stored.sha256()).isEqualTo(sha256(new byte[0]));
    assertThat(read("empty")).isEmpty();
    assertThat(store().size("empty")).isZero();
  }

  @Test
  void putReplacesTheObject() throws Exception {
    store().put("k", bytes("first version"), "text/plain");
    store().put("k", bytes("second"), "text/plain");
    assertThat(new String(read("k"), StandardCharsets.UTF_8)).isEqualTo("second");
    assertThat(store().list("")).containsExactly("k");
  }

  @Test
  void failingStreamLeavesNoObject() {
    InputStream failing = new FailingInputStream(randomBytes(200_000, 2), 150_000);

    assertThatThrownBy(() -> store().put("jobs/j2/mesh.glb", failing, 200_000, "model/gltf-binary"))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_INPUT));

    assertThat(store().exists("jobs/j2/mesh.glb")).isFalse();
    if (abortedPutsLeaveNoStrayKeys()) {
      assertThat(store().list("")).isEmpty();
    } else {
      assertThat(store().list("")).doesNotContain("jobs/j2/mesh.glb");
    }
  }

  @Test
  void failingStreamKeepsThePreviousObject() throws Exception {
    store().put("model.params", bytes("good weights"), null);
    InputStream failing = new FailingInputStream(randomBytes(100_000, 3), 60_000);

    assertThatThrownBy(() -> store().put("model.params", failing, 100_000, null))
        .isInstanceOf(ObjectStoreException.class);

    assertThat(new String(read("model.params"), StandardCharsets.UTF_8)).isEqualTo("good weights");
  }

  @Test
  void streamShorterThanDeclaredIsRejected() {
    assertThatThrownBy(() -> store().put("short", new ByteArrayInputStream(bytes("12345")), 10, null))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_INPUT));
    assertThat(store().exists("short")).isFalse();
  }

  @Test
  void streamLongerThanDeclaredIsRejected() {
    assertThatThrownBy(() -> store().put("long", new ByteArrayInputStream(bytes("1234567890")), 5, null))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_INPUT));
    assertThat(store().exists("long")).isFalse();
  }

  @Test
  void callerKeepsOwnershipOfTheStream() {
    TrackingInputStream in = new TrackingInputStream(bytes("abc"));
    store().put("owned", in, 3, null);
    assertThat(in.closed).isFalse();
  }

  @Test
  void missingObjects() {
    assertThat(store().exists("nope")).isFalse();
    assertNotFound(() -> store().get("nope"));
    assertNotFound(() -> store().size("nope"));
    assertNotFound(() -> store().getToFile("nope", temp.resolve("x")));
    store().delete("nope"); // not an error
  }

  @Test
  void deleteRemovesOnlyThatObject() {
    store().put("d/one", bytes("1"), null);
    store().put("d/two", bytes("2"), null);
    store().delete("d/one");
    assertThat(store().exists("d/one")).isFalse();
    assertThat(store().list("d/")).containsExactly("d/two");
  }

  @Test
  void listByPrefix() {
    for (String key : List.of("jobs/j1/mesh.glb", "jobs/j1/preview.png", "jobs/j10/mesh.glb",
        "jobs/j2/mesh.obj", "uploads/u1", "top")) {
      store().put(key, bytes(key), null);
    }

    assertThat(store().list("")).containsExactly(
        "jobs/j1/mesh.glb", "jobs/j1/preview.png", "jobs/j10/mesh.glb", "jobs/j2/mesh.obj", "top", "uploads/u1");
    assertThat(store().list("jobs/j1/")).containsExactly("jobs/j1/mesh.glb", "jobs/j1/preview.png");
    assertThat(store().list("jobs/j1")).containsExactly("jobs/j1/mesh.glb", "jobs/j1/preview.png", "jobs/j10/mesh.glb");
    assertThat(store().list("jobs/j1/mesh")).containsExactly("jobs/j1/mesh.glb");
    assertThat(store().list("t")).containsExactly("top");
    assertThat(store().list("missing/")).isEmpty();
    assertThat(store().list("jobs/j3")).isEmpty();
  }

  @Test
  void getToFileCreatesDirectoriesAndReplaces() throws Exception {
    byte[] content = randomBytes(70_000, 4);
    store().put("ckpt/step-100", content, null);
    Path target = temp.resolve("deep/dir/step-100");

    store().getToFile("ckpt/step-100", target);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);

    store().put("ckpt/step-100", bytes("newer"), null);
    store().getToFile("ckpt/step-100", target);
    assertThat(Files.readString(target)).isEqualTo("newer");
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target); // no temporary file left behind
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a//b", "a/", "..", "../x", "a/../b", "a/./b", ".hidden",
      "a/.part", "with space", "back\\slash", "colon:x", "q?x", "pct%20", "ümlaut", "star*"})
  void invalidKeysAreRejectedEverywhere(String key) {
    assertInvalidKey(s -> s.put(key, bytes("x"), null));
    assertInvalidKey(s -> s.put(key, new ByteArrayInputStream(bytes("x")), 1, null));
    assertInvalidKey(s -> s.get(key));
    assertInvalidKey(s -> s.exists(key));
    assertInvalidKey(s -> s.size(key));
    assertInvalidKey(s -> s.delete(key));
    assertInvalidKey(s -> s.downloadUrl(key, java.time.Duration.ofMinutes(5)));
    assertThat(store().list("")).isEmpty();
  }

  @Test
  void nullKeyIsRejected() {
    assertInvalidKey(s -> s.put(null, bytes("x"), null));
  }

  @Test
  void overlongKeyIsRejected() {
    assertInvalidKey(s -> s.put("k".repeat(1025), bytes("x"), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/a", "../", "a//", "a/../", ".x"})
  void invalidPrefixesAreRejected(String prefix) {
    assertInvalidKey(s -> s.list(prefix));
  }

  @Test
  void validKeysOfEveryAllowedCharacter() throws Exception {
    String key = "Tenant_1/job-2/mesh.v1.GLB";
    store().put(key, bytes("ok"), null);
    assertThat(store().list("Tenant_1/")).containsExactly(key);
    assertThat(read(key)).isEqualTo(bytes("ok"));
  }

  // --- helpers -------------------------------------------------------------

  protected byte[] read(String key) throws IOException {
    try (InputStream in = store().get(key)) {
      return in.readAllBytes();
    }
  }

  private void assertInvalidKey(Consumer<ObjectStore> call) {
    assertThatThrownBy(() -> call.accept(store()))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_KEY));
  }

  private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ObjectStoreException.class,
        e -> assertThat(e.code()).isEqualTo(ObjectStoreException.NOT_FOUND));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** Delivers its bytes until {@code failAt}, then throws, like a dropped client upload. */
  static final class FailingInputStream extends InputStream {
    private final byte[] content;
    private final int failAt;
    private int pos;

    FailingInputStream(byte[] content, int failAt) {
      this.content = content;
      this.failAt = failAt;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= failAt) {
        throw new IOException("connection reset by the client (simulated)");
      }
      int n = Math.min(len, failAt - pos);
      System.arraycopy(content, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  static final class TrackingInputStream extends ByteArrayInputStream {
    boolean closed;

    TrackingInputStream(byte[] content) {
      super(content);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
