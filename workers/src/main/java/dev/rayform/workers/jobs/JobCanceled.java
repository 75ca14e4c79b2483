package dev.rayform.workers.jobs;

/** Thrown by a handler that noticed its cancel request and stopped. */
public final class JobCanceled extends RuntimeException {
  public JobCanceled(String jobId) {
    super("job " + jobId + " canceled");
  }
}
