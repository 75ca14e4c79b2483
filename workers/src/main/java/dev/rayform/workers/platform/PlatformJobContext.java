package dev.rayform.workers.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.core.PlatformException;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Ids;
import dev.rayform.core.job.ItemCounts;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.repo.Upload;
import dev.rayform.core.store.ObjectStore;
import dev.rayform.core.store.RetryingObjectStore;
import dev.rayform.core.store.StoredObject;
import dev.rayform.recon.model.DefaultModel;
import dev.rayform.workers.jobs.JobContext;
import dev.rayform.workers.jobs.JobFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job attempt's view of the platform: inputs fetched from the object store into the attempt's
 * folder, progress written as job events (throttled), artifacts stored under the attempt's own keys
 * and recorded only when the job succeeds (a failed or crashed attempt never shows partial
 * artifacts), datasets and models uploaded and registered, and a state folder kept in the store
 * between attempts. Store operations ride out a short store outage (retried with backoff for up to
 * a minute by default) before the attempt fails with {@code object_store_failure}. Called on a
 * worker thread.
 */
final class PlatformJobContext implements JobContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(PlatformJobContext.class);
  private static final long PROGRESS_INTERVAL_MS = 500;

  private final PlatformServices services;
  private final Job job;
  private final String worker;
  private final Path dir;
  private final Path cache;
  /** The platform's store, retrying while it is briefly away (see {@link RetryingObjectStore}); never closed here. */
  private final ObjectStore store;
  private final List<Artifact> artifacts = new ArrayList<>();
  private final Map<String, List<Artifact>> childArtifacts = new java.util.HashMap<>();
  private volatile boolean cancel;
  private volatile boolean leaseLost;
  private long lastProgressAt;
  private String lastStage;

  PlatformJobContext(PlatformServices services, Job job, String worker, Path dir, Path cache) {
    this.services = services;
    // A store outage is waited out inside the attempt (a cancel or a lost lease ends the wait) before it costs an attempt.
    this.store = new RetryingObjectStore(services.store(), RetryingObjectStore.Policy.DEFAULT, () -> cancel || leaseLost);
    this.job = job;
    this.worker = worker;
    this.dir = dir;
    this.cache = cache;
  }

  void cancelRequested(boolean value) {
    cancel = value;
  }

  /** The lease is gone (refused, or not renewed for a whole lease): the handler should stop, as if canceled. */
  void leaseLost() {
    leaseLost = true;
  }

  boolean lostLease() {
    return leaseLost;
  }

  /** The artifacts this attempt stored, to record with its success. */
  List<Artifact> artifacts() {
    return artifacts;
  }

  @Override
  public String jobId() {
    return job.id();
  }

  @Override
  public JobType type() {
    return job.type();
  }

  @Override
  public JsonNode input() {
    return tree(job.input());
  }

  @Override
  public JsonNode options() {
    return tree(job.options());
  }

  private static JsonNode tree(JsonObject o) {
    try {
      return JSON.readTree(o == null ? "{}" : o.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path workDir() {
    return mkdirs(dir.resolve("work"));
  }

  @Override
  public Path upload(String uploadId) {
    Upload u = Blocking.await(services.uploads().find(job.tenantId(), uploadId))
        .orElseThrow(() -> JobFailure.badInput("upload_not_found", "no upload " + uploadId + " for this tenant"));
    Path file = mkdirs(dir.resolve("inputs")).resolve(uploadId + extension(u.filename()));
    store.getToFile(u.storageKey(), file);
    return file;
  }

  private static String extension(String filename) {
    if (filename == null || filename.lastIndexOf('.') < 0) {
      return "";
    }
    String ext = filename.substring(filename.lastIndexOf('.')).toLowerCase();
    return ext.matches("\\.[a-z0-9]{1,8}") ? ext : "";
  }

  @Override
  public Path model(String modelId) {
    if (modelId == null) {
      try {
        return DefaultModel.path();
      } catch (dev.rayform.recon.ReconException e) {
        throw JobFailure.badInput("model_not_found",
            "this server has no default model installed; give options.model, the id of a model (GET /v1/models)");
      }
    }
    String prefix = Blocking.await(services.models().prefix(job.tenantId(), modelId))
        .orElseThrow(() -> JobFailure.badInput("model_not_found", "no model " + modelId + " for this tenant"));
    return download(prefix, cache.resolve("models").resolve(modelId));
  }

  @Override
  public Path dataset(String datasetId) {
    String prefix = Blocking.await(services.datasets().prefix(job.tenantId(), datasetId))
        .orElseThrow(() -> JobFailure.badInput("dataset_not_found", "no dataset " + datasetId + " for this tenant"));
    return download(prefix, cache.resolve("datasets").resolve(datasetId));
  }

  /** Downloads every object under {@code prefix} into {@code target} once (a complete marker guards it). */
  private Path download(String prefix, Path target) {
    Path done = target.resolve(".complete");
    if (Files.exists(done)) {
      return target;
    }
    for (String key : store.list(prefix + "/")) {
      store.getToFile(key, target.resolve(key.substring(prefix.length() + 1)));
    }
    try {
      Files.createDirectories(target);
      Files.writeString(done, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  @Override
  public void progress(double fraction, String stage, String message) {
    progress(fraction, stage, message, null);
  }

  @Override
  public synchronized void progress(double fraction, String stage, String message, Map<String, Object> data) {
    long now = System.currentTimeMillis();
    if (stage.equals(lastStage) && now - lastProgressAt < PROGRESS_INTERVAL_MS && data == null && fraction < 1) {
      return;
    }
    lastStage = stage;
    lastProgressAt = now;
    try {
      Blocking.await(services.jobs().progress(job.id(), worker, Math.max(0, Math.min(1, fraction)), stage, message,
          data == null ? null : new JsonObject(data)));
    } catch (PlatformException e) {
      if ("lease_lost".equals(e.code())) {
        leaseLost();
        throw e;
      }
      // Progress is informative: a database that is briefly away costs an event, not the attempt.
      LOG.warn("job {}: progress not recorded: {}", job.id(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("job {}: progress not recorded: {}", job.id(), e.toString());
    }
  }

  @Override
  public void artifact(String name, Path file, String contentType) {
    String key = "artifacts/" + job.tenantId() + "/" + job.id() + "/" + job.attempts() + "/" + name;
    StoredObject stored = store.put(key, file, contentType);
    synchronized (artifacts) {
      artifacts.removeIf(a -> a.name().equals(name));
      artifacts.add(new Artifact(job.id(), name, job.tenantId(), key, stored.size(), stored.sha256(), contentType));
    }
  }

  @Override
  public String storeUpload(Path file, String filename, String contentType) {
    String id = Ids.next("upl");
    String key = "uploads/" + job.tenantId() + "/" + id;
    StoredObject stored = store.put(key, file, contentType);
    Blocking.await(services.uploads().add(new Upload(id, job.tenantId(), stored.size(), stored.sha256(), contentType,
        filename, key)));
    return id;
  }

  @Override
  public List<String> ensureChildren(List<ChildItem> items) {
    List<String> ids = new ArrayList<>();
    for (ChildItem item : items) {
      NewJob child = new NewJob(job.tenantId(), JobType.RECONSTRUCT, new JsonObject(item.input().toString()), job.options(),
          job.id(), item.key(), null, null, job.maxAttempts());
      ids.add(Blocking.await(services.jobs().ensureChild(child)).id());
    }
    return ids;
  }

  @Override
  public boolean claimChild(String childId) {
    return Blocking.await(services.jobs().claim(childId, worker, java.time.Duration.ofHours(1))).isPresent();
  }

  @Override
  public void childArtifact(String childId, String name, Path file, String contentType) {
    String key = "artifacts/" + job.tenantId() + "/" + childId + "/" + job.attempts() + "/" + name;
    StoredObject stored = store.put(key, file, contentType);
    synchronized (childArtifacts) {
      childArtifacts.computeIfAbsent(childId, k -> new ArrayList<>())
          .add(new Artifact(childId, name, job.tenantId(), key, stored.size(), stored.sha256(), contentType));
    }
  }

  @Override
  public void succeedChild(String childId, JsonNode result) {
    List<Artifact> list;
    synchronized (childArtifacts) {
      list = childArtifacts.getOrDefault(childId, List.of());
      childArtifacts.remove(childId);
    }
    for (Artifact a : list) {
      Blocking.await(services.artifacts().add(a));
    }
    JsonObject r = new JsonObject(result.toString()).put("artifacts", list.stream().map(Artifact::name).toList());
    Blocking.await(services.jobs().succeed(childId, worker, r));
  }

  @Override
  public void failChild(String childId, String code, String message) {
    Blocking.await(services.jobs().fail(childId, worker, code, message, false, java.time.Duration.ZERO));
  }

  @Override
  public ItemCounts itemCounts() {
    return Blocking.await(services.jobs().itemCounts(job.id()));
  }

  @Override
  public boolean cancelRequested() {
    return cancel || leaseLost;
  }

  @Override
  public String publishDataset(Path datasetDir, String name) {
    String id = Ids.next("dsdir");
    String prefix = "datasets/" + job.tenantId() + "/" + id;
    uploadTree(datasetDir, prefix, p -> true);
    JsonObject manifest;
    try {
      manifest = new JsonObject(Files.readString(datasetDir.resolve("manifest.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    manifest.remove("shapes");
    return Blocking.await(services.datasets().add(job.tenantId(), name, prefix, manifest, job.id()));
  }

  @Override
  public String publishModel(Path modelDir, String name, Map<String, Object> metrics) {
    String prefix = "models/" + job.tenantId() + "/" + Ids.next("m");
    uploadTree(modelDir, prefix, p -> !p.startsWith(modelDir.resolve("checkpoints")));
    JsonObject config;
    try {
      config = new JsonObject(Files.readString(modelDir.resolve("model.json"))).getJsonObject("config");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Blocking.await(services.models().add(job.tenantId(), name, config.getString("arch"), null, prefix,
        new JsonObject(metrics), job.id()));
  }

  @Override
  public Path stateDir() {
    return mkdirs(dir.resolve("state"));
  }

  /** Fetches the state a previous attempt saved, if any. */
  void restoreState() {
    String prefix = stateKey();
    for (String key : store.list(prefix + "/")) {
      store.getToFile(key, stateDir().resolve(key.substring(prefix.length() + 1)));
    }
  }

  @Override
  public void saveState() {
    uploadTree(stateDir(), stateKey(), p -> true);
  }

  private String stateKey() {
    return "state/" + job.tenantId() + "/" + job.id();
  }

  private void uploadTree(Path root, String prefix, java.util.function.Predicate<Path> include) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).filter(include).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith(".") || rel.contains("/.")) {
          continue;
        }
        store.put(prefix + "/" + rel, p, "application/octet-stream");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + root, e);
    }
  }

  private static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
