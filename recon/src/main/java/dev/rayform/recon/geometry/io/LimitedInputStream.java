package dev.rayform.recon.geometry.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the bytes that really come out of a (decompressing) stream and fails as soon as a bound
 * is crossed: per stream, a shared running total, and the compression ratio against the
 * compressed bytes consumed so far. Skips are performed by reading, so skipped bytes count too.
 */
final class LimitedInputStream extends FilterInputStream {
  private final String source;
  private final long maxBytes;
  private final AtomicLong total;
  private final long maxTotal;
  private final double maxRatio;
  private final LongSupplier compressedSoFar;
  private long count;

  LimitedInputStream(InputStream in, String source, long maxBytes, AtomicLong total, long maxTotal,
      double maxRatio, LongSupplier compressedSoFar) {
    super(in);
    this.source = source;
    this.maxBytes = maxBytes;
    this.total = total;
    this.maxTotal = maxTotal;
    this.maxRatio = maxRatio;
    this.compressedSoFar = compressedSoFar;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      account(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      account(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(65536, Math.max(1, n))];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  private void account(int n) {
    count += n;
    long t = total.addAndGet(n);
    if (count > maxBytes) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_TOO_LARGE,
          source + ": more than " + maxBytes + " uncompressed bytes (entry limit)");
    }
    if (t > maxTotal) {
      throw new MeshFormatException(MeshFormatException.ARCHIVE_TOO_LARGE,
          source + ": more than " + maxTotal + " uncompressed bytes in total (archive limit)");
    }
    if (maxRatio > 0 && count > ArchiveLimits.RATIO_GRACE_BYTES && compressedSoFar != null) {
      long c = Math.max(1, compressedSoFar.getAsLong());
      if (count > maxRatio * c) {
        throw new MeshFormatException(MeshFormatException.ARCHIVE_COMPRESSION_RATIO,
            source + ": " + count + " bytes inflated from " + c + " compressed bytes (ratio above " + maxRatio + ")");
      }
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
