package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A zip (also {@code .sh3f}, {@code .jar}), tar or tar.gz archive opened for listing and for
 * reading the meshes in it. Opening checks every entry name (no {@code ..}, absolute paths or
 * drive letters), rejects links and enforces the entry-count bound; reads enforce the size and
 * compression-ratio bounds on the bytes actually decompressed. Not thread-safe.
 */
public final class MeshArchive implements Closeable {
  /** The kinds of archive, chosen by extension. */
  public enum Kind { ZIP, TAR, TAR_GZ }

  private final Backend backend;
  private final String source;

  /** How one kind of archive lists and reads entries. */
  interface Backend extends Closeable {
    List<ArchiveEntry> entries();

    /** The bytes of a regular file entry (name already normalised), bounded by the limits. */
    byte[] read(String name) throws IOException;
  }

  private MeshArchive(String source, Backend backend) {
    this.source = source;
    this.backend = backend;
  }

  public static MeshArchive open(Path path) {
    return open(path, ArchiveLimits.DEFAULTS);
  }

  public static MeshArchive open(Path path, ArchiveLimits limits) {
    Kind kind = kindOf(path.getFileName().toString());
    if (kind == null) {
      throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT,
          path + ": unknown archive extension (expected .zip, .sh3f, .jar, .tar, .tar.gz or .tgz)");
    }
    try {
      Backend b = kind == Kind.ZIP ? ZipBackend.open(path, limits) : TarBackend.open(path, kind == Kind.TAR_GZ, limits);
      return new MeshArchive(path.toString(), b);
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_MALFORMED, path + ": " + e.getMessage(), e);
    }
  }

  /** The archive kind of a file name, or null when it is not an archive name. */
  public static Kind kindOf(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".zip") || n.endsWith(".sh3f") || n.endsWith(".jar")) {
      return Kind.ZIP;
    }
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return Kind.TAR_GZ;
    }
    if (n.endsWith(".tar")) {
      return Kind.TAR;
    }
    return null;
  }

  /** All entries in archive order, names normalised. */
  public List<ArchiveEntry> entries() {
    return backend.entries();
  }

  /** Names of the regular entries whose extension a mesh reader handles. */
  public List<String> meshEntries() {
    List<String> out = new ArrayList<>();
    for (ArchiveEntry e : entries()) {
      if (!e.directory() && MeshReaders.isMeshName(e.name())) {
        out.add(e.name());
      }
    }
    return out;
  }

  public boolean contains(String name) {
    String n = normalize(name);
    return n != null && entries().stream().anyMatch(e -> !e.directory() && e.name().equals(n));
  }

  /** The bytes of an entry; a leading slash in {@code name} is allowed (catalogues use it). */
  public byte[] read(String name) {
    String n = normalize(name);
    if (n == null || !contains(n)) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_ENTRY_NOT_FOUND, source + ": no entry '" + name + "'");
    }
    try {
      return backend.read(n);
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_MALFORMED, source + "!" + n + ": " + e.getMessage(), e);
    }
  }

  /** Reads the mesh in an entry; files it references are looked up relative to it in the archive. */
  public Mesh readMesh(String name) {
    String n = normalize(name);
    byte[] data = read(name);
    return MeshReaders.read(source + "!" + n, data, siblingsOf(n));
  }

  /** Resolves references relative to the entry's folder, confined to the archive. */
  public SiblingResolver siblingsOf(String entryName) {
    String dir = ArchivePaths.parent(normalize(entryName));
    return rel -> {
      String target = ArchivePaths.resolve(dir, rel);
      if (target == null || target.isEmpty() || !contains(target)) {
        return null;
      }
      return new ByteArrayInputStream(read(target));
    };
  }

  private static String normalize(String name) {
    if (name == null) {
      return null;
    }
    String r = ArchivePaths.resolve("", name.startsWith("/") ? name.substring(1) : name);
    return r == null || r.isEmpty() ? null : r;
  }

  @Override
  public void close() {
    try {
      backend.close();
    } catch (IOException e) {
      // nothing was written; a failing close loses nothing
    }
  }

  /** Shared by backends: a stream bounded per entry and against a running total. */
  static LimitedInputStream limited(InputStream in, String source, ArchiveLimits limits, AtomicLong total,
      java.util.function.LongSupplier compressed) {
    return new LimitedInputStream(in, source, limits.maxEntryBytes(), total, limits.maxTotalBytes(),
        limits.maxCompressionRatio(), compressed);
  }
}
