package dev.rayform.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Blob storage for uploads, artifacts, checkpoints, models and datasets.
 *
 * <p>Keys follow {@link ObjectKeys} (an invalid key throws {@code invalid_object_key}). Every
 * put is atomic: readers see the previous object or the whole new one, and a put that fails
 * (an input that ends early, is longer than declared or throws) leaves nothing new under the
 * key. Failures are {@link ObjectStoreException}s with stable codes. Implementations are
 * thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

  /** Stores a file's content under the key, replacing any object there. */
  StoredObject put(String key, Path file, String contentType);

  /** Stores bytes under the key, replacing any object there. */
  StoredObject put(String key, byte[] bytes, String contentType);

  /**
   * Stores exactly {@code length} bytes read from {@code in} (not closed here). Fails with
   * {@code object_input_invalid} when the stream ends early, has more bytes, or throws.
   */
  StoredObject put(String key, InputStream in, long length, String contentType);

  /** Opens the object for reading; the caller closes the stream. */
  InputStream get(String key);

  /** Size in bytes; {@code object_not_found} when absent. */
  long size(String key);

  /** Whether an object exists under the key. */
  boolean exists(String key);

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String key);

  /** Keys starting with {@code prefix} ("" for all), sorted. */
  List<String> list(String prefix);

  /**
   * A URL a client can download the object from without credentials, valid for {@code ttl};
   * empty when the store cannot make one (the caller then streams {@link #get}).
   */
  Optional<URI> downloadUrl(String key, Duration ttl);

  /**
   * Copies the object to {@code target} atomically (a temporary file in the target's
   * directory, then a rename), creating the directories; replaces an existing target.
   */
  default void getToFile(String key, Path target) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try (InputStream in = get(key)) {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw ObjectStoreException.failure("download to " + target + " from", key, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the original failure is the one to report
        }
      }
    }
  }

  /** Releases clients and connections; the default does nothing. */
  @Override
  default void close() {}
}
