package dev.rayform.recon.geometry.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Tar and tar.gz archives, read as streams. Opening makes one bounded pass to list and check the
 * entries; each read makes a new bounded pass up to the wanted entry.
 */
final class TarBackend implements MeshArchive.Backend {
  private final Path path;
  private final boolean gzip;
  private final ArchiveLimits limits;
  private final List<ArchiveEntry> entries = new ArrayList<>();

  private TarBackend(Path path, boolean gzip, ArchiveLimits limits) {
    this.path = path;
    this.gzip = gzip;
    this.limits = limits;
  }

  static TarBackend open(Path path, boolean gzip, ArchiveLimits limits) throws IOException {
    TarBackend b = new TarBackend(path, gzip, limits);
    b.scan(null);
    return b;
  }

  @Override
  public List<ArchiveEntry> entries() {
    return entries;
  }

  @Override
  public byte[] read(String name) throws IOException {
    return scan(name);
  }

  /** One pass: lists and checks entries when {@code wanted} is null, else returns its bytes. */
  private byte[] scan(String wanted) throws IOException {
    String source = path.toString();
    AtomicLong total = new AtomicLong();
    try (InputStream file = Files.newInputStream(path);
        CountingStream compressed = new CountingStream(new BufferedInputStream(file, 1 << 16))) {
      InputStream decompressed = gzip ? new GzipCompressorInputStream(compressed, true) : compressed;
      // The whole decompressed stream (headers, data, skipped data) counts against the total.
      ArchiveLimits passLimits = limits.withMaxEntryBytes(Long.MAX_VALUE);
      LimitedInputStream bounded = MeshArchive.limited(decompressed, source, passLimits, total,
          gzip ? compressed::count : null);
      TarArchiveInputStream tar = new TarArchiveInputStream(bounded);
      int count = 0;
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (++count > limits.maxEntries()) {
          throw new MeshFormatException(MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES,
              source + ": more than " + limits.maxEntries() + " entries");
        }
        String name = ArchivePaths.checkEntryName(source, e.getName());
        if (e.isSymbolicLink() || e.isLink()) {
          throw new MeshFormatException(MeshFormatException.ARCHIVE_SYMLINK,
              source + ": entry '" + e.getName() + "' is a link to '" + e.getLinkName() + "'");
        }
        boolean regular = e.isFile() && !e.isDirectory();
        if (wanted == null) {
          if (!name.isEmpty() && (regular || e.isDirectory())) {
            entries.add(new ArchiveEntry(name, e.getSize(), e.isDirectory()));
          }
        } else if (regular && name.equals(wanted)) {
          LimitedInputStream entry = new LimitedInputStream(tar, source + "!" + name,
              limits.maxEntryBytes(), new AtomicLong(), Long.MAX_VALUE, 0, null);
          return entry.readAllBytes();
        }
      }
    } catch (MeshFormatException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_MALFORMED, source + ": " + e.getMessage(), e);
    }
    return null;
  }

  @Override
  public void close() {}

  /** Counts the compressed bytes the decompressor has consumed. */
  private static final class CountingStream extends java.io.FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += Math.max(0, s);
      return s;
    }
  }
}
