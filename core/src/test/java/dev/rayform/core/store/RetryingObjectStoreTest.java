package dev.rayform.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that is away for a while: transient failures are retried within the budget, others are not. */
class RetryingObjectStoreTest {
  @TempDir
  Path temp;
  FileSystemObjectStore real;
  /** Calls to the flaky store; the first {@code down} of them fail as an unreachable store does. */
  final AtomicInteger calls = new AtomicInteger();
  int down;

  static final RetryingObjectStore.Policy FAST =
      new RetryingObjectStore.Policy(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(40));

  @BeforeEach
  void open() {
    real = new FileSystemObjectStore(temp.resolve("objects"));
  }

  /** The real store behind a proxy that fails its first {@code down} calls with object_store_failure. */
  ObjectStore flaky() {
    return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class}, (p, m, args) -> {
      if (calls.incrementAndGet() <= down) {
        throw new ObjectStoreException(ObjectStoreException.STORE_FAILURE, "Cannot " + m.getName() + ": Connection refused");
      }
      try {
        return m.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  @Test
  void anOutageShorterThanTheBudgetIsRiddenOut() throws Exception {
    RetryingObjectStore store = new RetryingObjectStore(flaky(), FAST, () -> false);
    Path file = Files.writeString(temp.resolve("mesh.glb"), "glb");
    down = 3;
    assertThat(store.put("artifacts/t/j/1/mesh.glb", file, "model/gltf-binary").size()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(4);
    calls.set(0);
    Path back = temp.resolve("back/mesh.glb");
    store.getToFile("artifacts/t/j/1/mesh.glb", back);
    assertThat(back).hasContent("glb");
    calls.set(0);
    assertThat(store.list("artifacts/t/")).containsExactly("artifacts/t/j/1/mesh.glb");
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void aFailureThatIsNotTheStoreBeingAwayIsNotRetried() {
    RetryingObjectStore store = new RetryingObjectStore(flaky(), FAST, () -> false);
    assertThatThrownBy(() -> store.size("uploads/t/missing")).isInstanceOfSatisfying(ObjectStoreException.class,
        e -> assertThat(e.code()).isEqualTo(ObjectStoreException.NOT_FOUND));
    assertThat(calls.get()).isEqualTo(1);
    // Nor a put from a stream, which a failed try has consumed.
    down = 1;
    calls.set(0);
    assertThatThrownBy(() -> store.put("uploads/t/x", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), 1, null))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo(ObjectStoreException.STORE_FAILURE));
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void anOutageLongerThanTheBudgetFailsWithTheStoresCodeAfterTheBudget() {
    RetryingObjectStore store = new RetryingObjectStore(flaky(),
        new RetryingObjectStore.Policy(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(50)), () -> false);
    down = Integer.MAX_VALUE;
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> store.list("state/t/j/")).isInstanceOfSatisfying(ObjectStoreException.class,
        e -> assertThat(e.code()).isEqualTo(ObjectStoreException.STORE_FAILURE));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isBetween(280L, 3_000L);
    assertThat(calls.get()).isBetween(5, 20);
  }

  @Test
  void aStopRequestEndsTheWaiting() {
    RetryingObjectStore store = new RetryingObjectStore(flaky(), RetryingObjectStore.Policy.DEFAULT, () -> calls.get() >= 2);
    down = Integer.MAX_VALUE;
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> store.exists("uploads/t/x")).isInstanceOf(ObjectStoreException.class);
    assertThat(calls.get()).isEqualTo(2);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
  }
}
