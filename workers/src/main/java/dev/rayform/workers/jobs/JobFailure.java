package dev.rayform.workers.jobs;

/**
 * A job that cannot complete: {@code code} is stable and reaches the API's job error; a
 * {@code retryable} failure (a store or network hiccup) is tried again with backoff, a permanent one
 * (bad input) fails the job at once.
 */
public class JobFailure extends RuntimeException {
  private final String code;
  private final boolean retryable;

  public JobFailure(String code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryable = retryable;
  }

  public static JobFailure badInput(String code, String message) {
    return new JobFailure(code, message, false, null);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
