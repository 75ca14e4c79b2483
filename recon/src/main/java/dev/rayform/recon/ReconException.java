package dev.rayform.recon;

/**
 * Base of every error recon raises on bad input or a failed operation. {@link #code()} is a stable,
 * machine-readable code (lower snake case) that the CLI and the API report next to the message.
 */
public class ReconException extends RuntimeException {
  private final String code;

  public ReconException(String code, String message) {
    super(message);
    this.code = code;
  }

  public ReconException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
