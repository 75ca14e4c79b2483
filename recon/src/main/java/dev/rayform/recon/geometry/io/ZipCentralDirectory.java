package dev.rayform.recon.geometry.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts a zip's entries from its central directory without building entry objects, stopping
 * one past the limit, so an archive with millions of entries is refused in milliseconds instead
 * of being parsed in full.
 */
final class ZipCentralDirectory {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL_HEADER = 0x02014b50;

  private ZipCentralDirectory() {}

  /** @throws MeshFormatException {@code archive_too_many_entries} past {@code maxEntries} */
  static void checkEntryCount(Path zip, int maxEntries) throws IOException {
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = ch.size();
      int tail = (int) Math.min(size, 22 + 65535);
      ByteBuffer buf = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, buf, size - tail);
      int eocd = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (buf.getInt(i) == EOCD) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new MeshFormatException(MeshFormatException.ARCHIVE_MALFORMED, zip + ": no zip end-of-central-directory record");
      }
      long declared = buf.getShort(eocd + 10) & 0xFFFF;
      long cdOffset = buf.getInt(eocd + 16) & 0xFFFFFFFFL;
      long eocdAbs = size - tail + eocd;
      if ((declared == 0xFFFF || cdOffset == 0xFFFFFFFFL) && eocdAbs >= 20) {
        ByteBuffer loc = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, loc, eocdAbs - 20);
        if (loc.getInt(0) == ZIP64_LOCATOR) {
          long z64 = loc.getLong(8);
          ByteBuffer rec = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
          if (z64 >= 0 && z64 + 56 <= size) {
            readFully(ch, rec, z64);
            if (rec.getInt(0) == ZIP64_EOCD) {
              declared = rec.getLong(32);
              cdOffset = rec.getLong(48);
            }
          }
        }
      }
      if (declared > maxEntries || declared < 0) {
        throw tooMany(zip, "declares " + Long.toUnsignedString(declared) + " entries", maxEntries);
      }
      if (cdOffset < 0 || cdOffset >= size) {
        return; // let the zip library report the damage
      }
      countHeaders(zip, ch, cdOffset, maxEntries);
    }
  }

  private static void countHeaders(Path zip, FileChannel ch, long offset, int maxEntries) throws IOException {
    ch.position(offset);
    InputStream raw = Channels.newInputStream(ch);
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    byte[] header = new byte[46];
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    try {
      while (true) {
        in.readFully(header);
        if (h.getInt(0) != CENTRAL_HEADER) {
          return;
        }
        if (++count > maxEntries) {
          throw tooMany(zip, "has more than " + maxEntries + " entries", maxEntries);
        }
        long skip = (h.getShort(28) & 0xFFFF) + (h.getShort(30) & 0xFFFF) + (h.getShort(32) & 0xFFFF);
        in.skipNBytes(skip);
      }
    } catch (EOFException e) {
      // the directory ended; the zip library will judge the rest
    }
  }

  private static MeshFormatException tooMany(Path zip, String detail, int max) {
    return new MeshFormatException(MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES,
        zip + ": " + detail + " (limit " + max + ")");
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    buf.clear();
    while (buf.hasRemaining()) {
      int n = ch.read(buf, position + buf.position());
      if (n < 0) {
        throw new EOFException();
      }
    }
  }
}
