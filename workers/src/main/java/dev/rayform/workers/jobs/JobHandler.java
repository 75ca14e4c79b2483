package dev.rayform.workers.jobs;

import dev.rayform.core.job.JobType;

/** Runs the work of one job type; thrown {@link JobFailure}s say whether a retry could help. */
public interface JobHandler {

  JobType type();

  /** Does the job's work; returns the result object stored with the job (may be empty). */
  com.fasterxml.jackson.databind.node.ObjectNode run(JobContext context) throws Exception;
}
