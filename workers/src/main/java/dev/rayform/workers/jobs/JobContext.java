package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rayform.core.job.ItemCounts;
import dev.rayform.core.job.JobType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

  /** A dataset of the tenant as a local folder (a built dataset's manifest at its root). */
  Path dataset(String datasetId);

  /** Reports progress in [0, 1] with the current stage and a short message. */
  void progress(double fraction, String stage, String message);

  /** Progress with extra data for the event (e.g. a training step's loss and validation IoU). */
  default void progress(double fraction, String stage, String message, Map<String, Object> data) {
    progress(fraction, stage, message);
  }

  /** Registers a built dataset folder (files go to the store) and returns its dataset id. */
  String publishDataset(Path dir, String name);

  /** Registers a trained model folder with its metrics and returns its model id. */
  String publishModel(Path dir, String name, Map<String, Object> metrics);

  /**
   * A folder that survives this attempt: what is in it when {@link #saveState()} returns is given
   * back to a later attempt of the same job (training checkpoints), empty the first time.
   */
  Path stateDir();

  /** Persists {@link #stateDir()} (to the object store) so a retry after a crash resumes from it. */
  void saveState();

  /** Stores a finished file as the job's artifact {@code name} (atomically: never a partial artifact). */
  void artifact(String name, Path file, String contentType);

  /** An item of a catalogue: its key (the SKU) and the input of its own reconstruct job. */
  record ChildItem(String key, JsonNode input) {}

  /** Creates the child jobs of the items (or finds them again, on a retry); their ids, in order. */
  List<String> ensureChildren(List<ChildItem> items);

  /** Takes a child for this job's worker; false when it is already finished (or held elsewhere). */
  boolean claimChild(String childId);

  /** Stores a file of a child as the child's artifact. */
  void childArtifact(String childId, String name, Path file, String contentType);

  /** Finishes a claimed child with its result (its artifacts are recorded with it). */
  void succeedChild(String childId, JsonNode result);

  /** Fails a claimed child with a stable code; the other items go on. */
  void failChild(String childId, String code, String message);

  /** This catalogue's items counted by status, as they stand now (those finished by earlier attempts included). */
  ItemCounts itemCounts();

  /** Stores a file as a new upload of the job's tenant; its id. */
  String storeUpload(Path file, String filename, String contentType);

  /** True once the job's cancel was requested: handlers check it between steps and stop. */
  boolean cancelRequested();
}
