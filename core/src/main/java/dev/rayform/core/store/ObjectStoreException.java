package dev.rayform.core.store;

import dev.rayform.core.PlatformException;

/** An object store failure, with one of the stable codes below. */
public class ObjectStoreException extends PlatformException {
  private static final long serialVersionUID = 1L;

  /** The key or prefix breaks the key rules of {@link ObjectKeys}. */
  public static final String INVALID_KEY = "invalid_object_key";
  /** No object under the key. */
  public static final String NOT_FOUND = "object_not_found";
  /** The input ended early, was longer than declared, or failed while reading. */
  public static final String INVALID_INPUT = "object_input_invalid";
  /** The store itself failed (I/O, network, permissions). */
  public static final String STORE_FAILURE = "object_store_failure";
  /** The store configuration string cannot be used. */
  public static final String INVALID_CONFIG = "object_store_config_invalid";

  public ObjectStoreException(String code, String message) {
    super(code, message);
  }

  public ObjectStoreException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }

  static ObjectStoreException notFound(String key) {
    return new ObjectStoreException(NOT_FOUND, "No object under key '" + key + "'");
  }

  static ObjectStoreException failure(String what, String key, Throwable cause) {
    return new ObjectStoreException(
        STORE_FAILURE, "Cannot " + what + " '" + key + "': " + cause.getMessage(), cause);
  }
}
