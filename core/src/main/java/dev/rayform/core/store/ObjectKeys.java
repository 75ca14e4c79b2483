package dev.rayform.core.store;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Key rules shared by every store, so a key valid on the filesystem is valid on S3 and back.
 * A key is one or more '/'-separated segments; each segment uses letters, digits, '.', '_'
 * and '-' and does not start with '.' (which rules out '.', '..' and hidden files, and leaves
 * dot-names to the stores' temporary files). At most 1024 bytes.
 */
public final class ObjectKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final int MAX_BYTES = 1024;

  private ObjectKeys() {}

  /** Returns the key when valid, else throws {@code invalid_object_key}. */
  public static String requireValidKey(String key) {
    if (key == null || key.isEmpty()) {
      throw invalid(key, "must not be empty");
    }
    checkPath(key, key);
    return key;
  }

  /**
   * Returns the prefix when valid for listing: empty (everything), a key, or a key followed
   * by '/'. A prefix may end in the middle of a segment ("jobs/j1/mesh").
   */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw invalid(null, "must not be null (use \"\" for everything)");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (path.isEmpty()) {
      throw invalid(prefix, "must not start with '/'");
    }
    checkPath(path, prefix);
    return prefix;
  }

  /** Whether {@link #requireValidKey} would accept the key. */
  public static boolean isValidKey(String key) {
    try {
      requireValidKey(key);
      return true;
    } catch (ObjectStoreException e) {
      return false;
    }
  }

  private static void checkPath(String path, String original) {
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw invalid(original, "is longer than " + MAX_BYTES + " bytes");
    }
    if (path.startsWith("/")) {
      throw invalid(original, "must not start with '/'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid(original, "has an empty segment ('//' or a trailing '/')");
      }
      if (segment.startsWith(".")) {
        throw invalid(original, "has a segment starting with '.' ('" + segment + "')");
      }
      if (!SEGMENT.matcher(segment).matches()) {
        throw invalid(original, "may only use letters, digits, '.', '_', '-' and '/'");
      }
    }
  }

  private static ObjectStoreException invalid(String key, String why) {
    return new ObjectStoreException(
        ObjectStoreException.INVALID_KEY, "Invalid object key '" + key + "': " + why);
  }
}
