package dev.rayform.recon.geometry.io;

import java.util.ArrayDeque;
import java.util.Deque;

/** Checks and normalises entry names of archives and relative references inside mesh files. */
final class ArchivePaths {
  private ArchivePaths() {}

  /**
   * The entry name with backslashes turned into slashes and {@code .} segments dropped.
   *
   * @throws MeshFormatException {@code archive_path_traversal} when the name is absolute, has a
   *     drive letter, a NUL, or a {@code ..} segment
   */
  static String checkEntryName(String archive, String name) {
    String unified = name.replace('\\', '/');
    boolean absolute = unified.startsWith("/") || unified.matches("^[A-Za-z]:.*");
    if (absolute || unified.indexOf('\0') >= 0) {
      throw traversal(archive, name);
    }
    StringBuilder out = new StringBuilder();
    for (String seg : unified.split("/")) {
      if (seg.equals("..")) {
        throw traversal(archive, name);
      }
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(seg);
    }
    return out.toString();
  }

  private static MeshFormatException traversal(String archive, String name) {
    return new MeshFormatException(MeshFormatException.ARCHIVE_PATH_TRAVERSAL,
        archive + ": entry name '" + name + "' escapes the archive root");
  }

  /**
   * Joins a relative reference to a base folder (slash-separated, "" for the root) and resolves
   * {@code .} and {@code ..}; null when the result would climb above the root or is absolute.
   */
  static String resolve(String baseDir, String relative) {
    String rel = relative.replace('\\', '/');
    if (rel.startsWith("/") || rel.matches("^[A-Za-z]:.*") || rel.indexOf('\0') >= 0) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : (baseDir + "/" + rel).split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    return String.join("/", parts);
  }

  /** A relative reference normalised against the root; null when it escapes or is absolute. */
  static String normalizeRelative(String relative) {
    String r = resolve("", relative);
    return r == null || r.isEmpty() ? null : r;
  }

  /** The folder part of a slash-separated name ("" when none). */
  static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }
}
