package dev.rayform.recon.geometry.io;

import java.nio.charset.StandardCharsets;

/**
 * Splits bytes into lines and whitespace-separated tokens without copying the input. Lines end at
 * LF, CR or CRLF. Numbers parse with context (file, line) in their errors.
 */
final class TextLines {
  private final String source;
  private final byte[] data;
  private final int end;
  private int pos;
  private int line;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;
  private int cursor; // next token for nextToken()

  TextLines(String source, byte[] data, int offset, int end) {
    this.source = source;
    this.data = data;
    this.pos = offset;
    this.end = end;
  }

  /** Advances to the next line (possibly empty); false at the end of the input. */
  boolean nextLine() {
    if (pos >= end) {
      count = 0;
      return false;
    }
    line++;
    count = 0;
    cursor = 0;
    int i = pos;
    while (i < end && data[i] != '\n' && data[i] != '\r') {
      while (i < end && isBlank(data[i])) {
        i++;
      }
      if (i >= end || data[i] == '\n' || data[i] == '\r') {
        break;
      }
      int s = i;
      while (i < end && !isBlank(data[i]) && data[i] != '\n' && data[i] != '\r') {
        i++;
      }
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count * 2);
        ends = java.util.Arrays.copyOf(ends, count * 2);
      }
      starts[count] = s;
      ends[count++] = i;
    }
    if (i < end && data[i] == '\r') {
      i++;
    }
    if (i < end && data[i] == '\n') {
      i++;
    }
    pos = i;
    return true;
  }

  /** Advances to the next line that has tokens; false at the end of the input. */
  boolean nextNonEmptyLine() {
    while (nextLine()) {
      if (count > 0) {
        return true;
      }
    }
    return false;
  }

  /** Byte offset of the first unread byte. */
  int position() {
    return pos;
  }

  int lineNumber() {
    return line;
  }

  int tokenCount() {
    return count;
  }

  String token(int i) {
    return new String(data, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
  }

  /** The rest of the line from token {@code i} on, as written (for names with spaces). */
  String rest(int i) {
    if (i >= count) {
      return "";
    }
    return new String(data, starts[i], ends[count - 1] - starts[i], StandardCharsets.UTF_8);
  }

  boolean tokenIs(int i, String s) {
    int len = ends[i] - starts[i];
    if (len != s.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (data[starts[i] + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The next token of the input, crossing lines (for formats that are token streams). */
  String nextToken(String what) {
    while (cursor >= count) {
      if (!nextLine()) {
        throw truncated("expected " + what);
      }
    }
    return token(cursor++);
  }

  float floatToken(int i) {
    return parseFloat(token(i));
  }

  float parseFloat(String s) {
    try {
      return Float.parseFloat(s);
    } catch (NumberFormatException e) {
      String lower = s.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("nan")) {
        return Float.NaN;
      }
      if (lower.contains("inf")) {
        return lower.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
      }
      throw malformed("'" + s + "' is not a number");
    }
  }

  int intToken(int i) {
    return parseInt(token(i));
  }

  int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw malformed("'" + s + "' is not an integer");
    }
  }

  /** A non-negative count; {@code mesh_malformed} when negative or not a number. */
  long parseCount(String s, String what) {
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw malformed(what + " is negative: " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw malformed(what + " '" + s + "' is not a count");
    }
  }

  String where() {
    return "line " + line;
  }

  MeshFormatException malformed(String message) {
    return new MeshFormatException(MeshFormatException.MALFORMED, source + ": line " + line + ": " + message);
  }

  MeshFormatException truncated(String message) {
    return new MeshFormatException(MeshFormatException.TRUNCATED,
        source + ": unexpected end of file after line " + line + ": " + message);
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\f' || b == 0x0B;
  }
}
