package dev.rayform.recon.progress;

/**
 * Thrown from a {@link Progress} callback to stop the operation: long operations let it through
 * (a batch that records per-item failures does not count it as one).
 */
public class OperationCanceled extends RuntimeException {
  public OperationCanceled(String message) {
    super(message);
  }
}
