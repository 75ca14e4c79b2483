package dev.rayform.recon.geometry.io;

/**
 * Bounds applied while reading an archive. Sizes count the bytes actually decompressed, never
 * the sizes headers claim.
 *
 * @param maxEntries entries (files, folders, links) allowed in the archive
 * @param maxTotalBytes uncompressed bytes allowed in one pass over the archive (tar) or over all
 *     reads from it (zip)
 * @param maxEntryBytes uncompressed bytes allowed for a single entry
 * @param maxCompressionRatio uncompressed / compressed bytes allowed once an entry has produced
 *     more than {@link #RATIO_GRACE_BYTES}; {@code <= 0} disables the check
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, double maxCompressionRatio) {
  /** Small entries may compress arbitrarily well; the ratio guard starts after this many bytes. */
  public static final long RATIO_GRACE_BYTES = 1 << 20;

  /** 10,000 entries, 512 MiB in total, 256 MiB per entry, ratio 200. */
  public static final ArchiveLimits DEFAULTS = new ArchiveLimits(10_000, 512L << 20, 256L << 20, 200);

  public ArchiveLimits {
    if (maxEntries < 0 || maxTotalBytes < 0 || maxEntryBytes < 0) {
      throw new IllegalArgumentException("archive limits must not be negative");
    }
  }

  public ArchiveLimits withMaxEntries(int n) {
    return new ArchiveLimits(n, maxTotalBytes, maxEntryBytes, maxCompressionRatio);
  }

  public ArchiveLimits withMaxTotalBytes(long n) {
    return new ArchiveLimits(maxEntries, n, maxEntryBytes, maxCompressionRatio);
  }

  public ArchiveLimits withMaxEntryBytes(long n) {
    return new ArchiveLimits(maxEntries, maxTotalBytes, n, maxCompressionRatio);
  }

  public ArchiveLimits withMaxCompressionRatio(double r) {
    return new ArchiveLimits(maxEntries, maxTotalBytes, maxEntryBytes, r);
  }
}
