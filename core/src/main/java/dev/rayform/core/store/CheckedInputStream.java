package dev.rayform.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes through exactly {@code length} bytes while hashing them with SHA-256, and fails with
 * an IOException when the source ends early or has more bytes than declared, so a put never
 * stores a truncated or silently cut object. Closing it does not close the source.
 */
final class CheckedInputStream extends FilterInputStream {
  private final long length;
  private final MessageDigest digest;
  private long count;
  private boolean endChecked;
  private boolean inputFailed;

  CheckedInputStream(InputStream in, long length) {
    super(in);
    if (length < 0) {
      throw new ObjectStoreException(ObjectStoreException.INVALID_INPUT, "Negative length " + length);
    }
    this.length = length;
    this.digest = sha256();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long remaining = length - count;
    if (remaining == 0) {
      checkNothingFollows();
      return -1;
    }
    int n;
    try {
      n = in.read(b, off, (int) Math.min(len, remaining));
    } catch (IOException | RuntimeException e) {
      inputFailed = true;
      throw e;
    }
    if (n < 0) {
      inputFailed = true;
      throw new IOException("Input ended after " + count + " of " + length + " bytes");
    }
    digest.update(b, off, n);
    count += n;
    if (count == length) {
      // Check before handing out the last bytes, so the consumer (an upload) fails
      // instead of completing with a cut object.
      checkNothingFollows();
    }
    return n;
  }

  private void checkNothingFollows() throws IOException {
    if (!endChecked) {
      endChecked = true;
      int next;
      try {
        next = in.read();
      } catch (IOException | RuntimeException e) {
        inputFailed = true;
        throw e;
      }
      if (next >= 0) {
        inputFailed = true;
        throw new IOException("Input is longer than the declared " + length + " bytes");
      }
    }
  }

  @Override
  public long skip(long n) {
    return 0; // every byte must pass through the digest
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), length - count);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Whether the source failed, ended early or was too long (rather than the consumer failing). */
  boolean inputFailed() {
    return inputFailed;
  }

  /** Leaves the source open: whoever opened it closes it. */
  @Override
  public void close() {}

  /** Reads whatever the consumer left, checking the length; then returns the result. */
  StoredObject finish(String key) throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // drain: verifies the length and completes the digest
    }
    return new StoredObject(key, count, HexFormat.of().formatHex(digest.digest()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
