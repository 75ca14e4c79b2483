package dev.rayform.core.store;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that rides out short outages: an operation failing with {@code object_store_failure} (the
 * store unreachable, a network or I/O error) is tried again after a pause that doubles from
 * {@link Policy#firstDelay()} up to {@link Policy#maxDelay()}, until it succeeds or
 * {@link Policy#budget()} has passed since its first failure; then that failure is thrown. Every other
 * failure ({@code object_not_found}, an invalid key or input) is thrown at once. Only operations that
 * can be repeated are retried: puts of a file or of bytes (atomic, so a failed put left nothing),
 * reads (opening a stream, {@link #getToFile} whole), size, exists, delete and list; a put from a
 * stream is not (the stream is consumed). {@code stop} ends the waiting early (a canceled job, a lost
 * lease) with the last failure. Closing it closes the store it wraps.
 */
public final class RetryingObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingObjectStore.class);

  /** How long and how often to retry. */
  public record Policy(Duration budget, Duration firstDelay, Duration maxDelay) {
    /** A minute of retries, pauses from 250 ms doubling to 5 s: a store restart is ridden out. */
    public static final Policy DEFAULT = new Policy(Duration.ofSeconds(60), Duration.ofMillis(250), Duration.ofSeconds(5));

    public Policy {
      if (budget.isNegative() || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException("retry policy: budget >= 0, 0 < firstDelay <= maxDelay");
      }
    }
  }

  private final ObjectStore store;
  private final Policy policy;
  private final BooleanSupplier stop;

  public RetryingObjectStore(ObjectStore store, Policy policy, BooleanSupplier stop) {
    this.store = store;
    this.policy = policy;
    this.stop = stop;
  }

  /** Whether a failure is the store being away (worth waiting for), not a fault of the request. */
  static boolean transientFailure(ObjectStoreException e) {
    return ObjectStoreException.STORE_FAILURE.equals(e.code());
  }

  private <T> T retry(String what, Supplier<T> op) {
    long start = 0;
    long delay = policy.firstDelay().toMillis();
    int failures = 0;
    while (true) {
      try {
        T value = op.get();
        if (failures > 0) {
          LOG.info("object store: {} succeeded after {} failed tries ({} ms)", what, failures, (System.nanoTime() - start) / 1_000_000);
        }
        return value;
      } catch (ObjectStoreException e) {
        if (!transientFailure(e)) {
          throw e;
        }
        if (failures++ == 0) {
          start = System.nanoTime();
          LOG.warn("object store: {} failed ({}); retrying for up to {} s", what, e.getMessage(), policy.budget().toSeconds());
        }
        long left = policy.budget().toMillis() - (System.nanoTime() - start) / 1_000_000;
        if (left <= 0 || stop.getAsBoolean()) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(delay, left));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delay = Math.min(delay * 2, policy.maxDelay().toMillis());
      }
    }
  }

  @Override
  public StoredObject put(String key, Path file, String contentType) {
    return retry("put " + key, () -> store.put(key, file, contentType));
  }

  @Override
  public StoredObject put(String key, byte[] bytes, String contentType) {
    return retry("put " + key, () -> store.put(key, bytes, contentType));
  }

  @Override
  public StoredObject put(String key, InputStream in, long length, String contentType) {
    return store.put(key, in, length, contentType);
  }

  @Override
  public InputStream get(String key) {
    return retry("get " + key, () -> store.get(key));
  }

  @Override
  public void getToFile(String key, Path target) {
    retry("get " + key, () -> {
      store.getToFile(key, target);
      return null;
    });
  }

  @Override
  public long size(String key) {
    return retry("size " + key, () -> store.size(key));
  }

  @Override
  public boolean exists(String key) {
    return retry("exists " + key, () -> store.exists(key));
  }

  @Override
  public void delete(String key) {
    retry("delete " + key, () -> {
      store.delete(key);
      return null;
    });
  }

  @Override
  public List<String> list(String prefix) {
    return retry("list " + prefix, () -> store.list(prefix));
  }

  @Override
  public Optional<URI> downloadUrl(String key, Duration ttl) {
    return store.downloadUrl(key, ttl);
  }

  @Override
  public void close() {
    store.close();
  }
}
