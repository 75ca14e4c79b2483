package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rayform.core.job.JobType;
import java.nio.file.Path;

/**
 * What a handler sees of the platform while it runs one job: the job's input and options, a private
 * scratch folder, its inputs as local files, and the ways to report progress, store artifacts and
 * notice a cancel. The worker verticle provides it over PostgreSQL, the object store and Kafka;
 * tests provide it over folders.
 */
public interface JobContext {

  String jobId();

  JobType type();

  /** The job's {@code input} object of the API (e.g. {@code {"upload": "up_..."}}). */
  JsonNode input();

  /** The job's {@code options} object (never null; empty when none were given). */
  JsonNode options();

  /** A scratch folder of this attempt, deleted after it. */
  Path workDir();

  /** An upload of the job's tenant as a local file. */
  Path upload(String uploadId);

  /** A model folder: the named model of the tenant (or a shared one), or the default model for null. */
  Path model(String modelId);

  /** Reports progress in [0, 1] with the current stage and a short message. */
  void progress(double fraction, String stage, String message);

  /** Stores a finished file as the job's artifact {@code name} (atomically: never a partial artifact). */
  void artifact(String name, Path file, String contentType);

  /** True once the job's cancel was requested: handlers check it between steps and stop. */
  boolean cancelRequested();
}
