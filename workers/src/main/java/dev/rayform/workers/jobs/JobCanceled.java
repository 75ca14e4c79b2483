package dev.rayform.workers.jobs;

/** Thrown by a handler that noticed its cancel request and stopped. */
public final class JobCanceled extends dev.rayform.recon.progress.OperationCanceled {
  public JobCanceled(String jobId) {
    super("job " + jobId + " canceled");
  }
}
