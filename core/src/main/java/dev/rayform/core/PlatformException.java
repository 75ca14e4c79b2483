package dev.rayform.core;

import java.util.Objects;

/**
 * Base of every error the platform raises on purpose. The {@link #code()} is stable and
 * snake_case, so callers (and the HTTP API's {@code {error:{code,message}}}) can branch on it;
 * the message is for humans and may change.
 */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public PlatformException(String code, String message) {
    this(code, message, null);
  }

  public PlatformException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Stable machine-readable code, e.g. {@code invalid_object_key}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
  }
}
