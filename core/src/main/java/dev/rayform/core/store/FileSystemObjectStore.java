package dev.rayform.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Objects as files under a root directory, a key's segments as directories. A put writes a
 * hidden temporary file next to the target, syncs it and renames it over the target
 * (atomic on POSIX filesystems), so readers never see a partial object. Has no download URLs:
 * the gateway streams.
 */
public final class FileSystemObjectStore implements ObjectStore {
  private static final String SEPARATOR = FileSystems.getDefault().getSeparator();

  private final Path root;

  /** Uses (and creates) {@code root}. */
  public FileSystemObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.STORE_FAILURE, "Cannot create store root " + this.root, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public StoredObject put(String key, Path file, String contentType) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(key, in, Files.size(file), contentType);
    } catch (NoSuchFileException e) {
      throw new ObjectStoreException(
          ObjectStoreException.INVALID_INPUT, "No such file to store: " + file, e);
    } catch (IOException e) {
      throw ObjectStoreException.failure("read " + file + " for", key, e);
    }
  }

  @Override
  public StoredObject put(String key, byte[] bytes, String contentType) {
    return put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
  }

  @Override
  public StoredObject put(String key, InputStream in, long length, String contentType) {
    Path target = pathOf(key);
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
      CheckedInputStream checked = new CheckedInputStream(in, length);
      StoredObject stored;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        try {
          checked.transferTo(out);
          stored = checked.finish(key);
        } catch (IOException e) {
          throw new ObjectStoreException(
              ObjectStoreException.INVALID_INPUT,
              "Cannot store '" + key + "': reading the input failed: " + e.getMessage(), e);
        }
        channel.force(true);
      }
      moveIntoPlace(temp, target);
      temp = null;
      return stored;
    } catch (IOException e) {
      throw ObjectStoreException.failure("store", key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return Files.newInputStream(existingFile(key));
    } catch (IOException e) {
      throw ObjectStoreException.failure("read", key, e);
    }
  }

  @Override
  public long size(String key) {
    try {
      return Files.size(existingFile(key));
    } catch (IOException e) {
      throw ObjectStoreException.failure("stat", key, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(pathOf(key));
  }

  @Override
  public void delete(String key) {
    Path path = pathOf(key);
    try {
      if (!Files.isDirectory(path)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw ObjectStoreException.failure("delete", key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String key = keyOf(file);
          if (attrs.isRegularFile() && key.startsWith(prefix) && ObjectKeys.isValidKey(key)) {
            keys.add(key);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // a temporary file renamed or deleted meanwhile
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw ObjectStoreException.failure("list", prefix, e);
    }
    Collections.sort(keys);
    return keys;
  }

  @Override
  public Optional<URI> downloadUrl(String key, Duration ttl) {
    ObjectKeys.requireValidKey(key);
    return Optional.empty();
  }

  private Path pathOf(String key) {
    ObjectKeys.requireValidKey(key);
    Path path = root.resolve(key.replace("/", SEPARATOR)).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      // Unreachable with valid keys; a second guard against escaping the root.
      throw new ObjectStoreException(ObjectStoreException.INVALID_KEY, "Key escapes the store: " + key);
    }
    return path;
  }

  private Path existingFile(String key) {
    Path path = pathOf(key);
    if (!Files.isRegularFile(path)) {
      throw ObjectStoreException.notFound(key);
    }
    return path;
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(SEPARATOR, "/");
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("The filesystem under " + target.getParent() + " cannot rename atomically", e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the failure being reported matters more than a leftover hidden file
      }
    }
  }

  @Override
  public String toString() {
    return "FileSystemObjectStore[" + root + "]";
  }
}
