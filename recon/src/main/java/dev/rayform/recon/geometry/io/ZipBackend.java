package dev.rayform.recon.geometry.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/** Zip archives through commons-compress's random-access {@link ZipFile}. */
final class ZipBackend implements MeshArchive.Backend {
  private final String source;
  private final ZipFile zip;
  private final ArchiveLimits limits;
  private final Map<String, ZipArchiveEntry> byName = new LinkedHashMap<>();
  private final List<ArchiveEntry> entries = new ArrayList<>();
  private final AtomicLong total = new AtomicLong();

  private ZipBackend(String source, ZipFile zip, ArchiveLimits limits) {
    this.source = source;
    this.zip = zip;
    this.limits = limits;
  }

  static ZipBackend open(Path path, ArchiveLimits limits) throws IOException {
    ZipCentralDirectory.checkEntryCount(path, limits.maxEntries());
    ZipFile zip = ZipFile.builder().setPath(path).get();
    ZipBackend b = new ZipBackend(path.toString(), zip, limits);
    try {
      b.index();
      return b;
    } catch (RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  private void index() {
    Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder();
    int count = 0;
    while (en.hasMoreElements()) {
      ZipArchiveEntry e = en.nextElement();
      if (++count > limits.maxEntries()) {
        throw new MeshFormatException(MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES,
            source + ": more than " + limits.maxEntries() + " entries");
      }
      String name = ArchivePaths.checkEntryName(source, e.getName());
      if (e.isUnixSymlink()) {
        throw new MeshFormatException(MeshFormatException.ARCHIVE_SYMLINK,
            source + ": entry '" + e.getName() + "' is a symbolic link");
      }
      if (name.isEmpty() || byName.containsKey(name)) {
        continue; // the root folder, or a duplicate: the first one wins
      }
      byName.put(name, e);
      entries.add(new ArchiveEntry(name, e.getSize(), e.isDirectory()));
    }
  }

  @Override
  public List<ArchiveEntry> entries() {
    return entries;
  }

  @Override
  public byte[] read(String name) throws IOException {
    ZipArchiveEntry e = byName.get(name);
    try (InputStream raw = zip.getInputStream(e)) {
      java.util.function.LongSupplier compressed = raw instanceof InputStreamStatistics s
          ? s::getCompressedCount
          : () -> Math.max(e.getCompressedSize(), 1);
      LimitedInputStream in = MeshArchive.limited(raw, source + "!" + name, limits, total, compressed);
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
