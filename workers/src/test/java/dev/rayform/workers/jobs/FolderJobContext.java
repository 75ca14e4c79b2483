package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.core.job.JobType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A job context over folders: uploads and models by id, artifacts copied to a folder. */
final class FolderJobContext implements JobContext {
  final JobType type;
  final JsonNode input;
  final JsonNode options;
  final Path root;
  final Map<String, Path> uploads;
  final Map<String, Path> models;
  final List<String> progress = new ArrayList<>();
  /** The data of progress events that carried some. */
  final List<Map<String, Object>> progressData = new ArrayList<>();
  final AtomicBoolean cancel = new AtomicBoolean();
  final Map<String, Path> datasets;
  int stateSaves;

  FolderJobContext(JobType type, String input, String options, Path root, Map<String, Path> uploads, Map<String, Path> models) {
    this(type, input, options, root, uploads, models, new java.util.HashMap<>());
  }

  FolderJobContext(JobType type, String input, String options, Path root, Map<String, Path> uploads, Map<String, Path> models,
      Map<String, Path> datasets) {
    try {
      this.type = type;
      this.input = new ObjectMapper().readTree(input);
      this.options = new ObjectMapper().readTree(options);
      this.root = root;
      this.uploads = new java.util.HashMap<>(uploads);
      this.models = new java.util.HashMap<>(models);
      this.datasets = datasets;
      Files.createDirectories(root.resolve("work"));
      Files.createDirectories(root.resolve("artifacts"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String jobId() {
    return "job_test";
  }

  @Override
  public JobType type() {
    return type;
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public JsonNode options() {
    return options;
  }

  @Override
  public Path workDir() {
    return root.resolve("work");
  }

  @Override
  public Path upload(String uploadId) {
    Path p = uploads.get(uploadId);
    if (p == null) {
      throw JobFailure.badInput("upload_not_found", "no upload " + uploadId);
    }
    return p;
  }

  @Override
  public Path model(String modelId) {
    return models.get(modelId == null ? "default" : modelId);
  }

  @Override
  public Path dataset(String datasetId) {
    Path p = datasets.get(datasetId);
    if (p == null) {
      throw JobFailure.badInput("dataset_not_found", "no dataset " + datasetId);
    }
    return p;
  }

  @Override
  public void progress(double fraction, String stage, String message) {
    progress.add(stage);
  }

  @Override
  public void progress(double fraction, String stage, String message, Map<String, Object> data) {
    progress(fraction, stage, message);
    if (data != null) {
      progressData.add(Map.copyOf(data));
    }
  }

  @Override
  public String publishDataset(Path dir, String name) {
    String id = "ds_" + datasets.size();
    datasets.put(id, dir);
    return id;
  }

  @Override
  public String publishModel(Path dir, String name, Map<String, Object> metrics) {
    String id = "mdl_" + models.size();
    models.put(id, dir);
    return id;
  }

  @Override
  public Path stateDir() {
    return root.resolve("state");
  }

  @Override
  public void saveState() {
    stateSaves++;
  }

  final Map<String, String> contentTypes = new java.util.LinkedHashMap<>();

  @Override
  public void artifact(String name, Path file, String contentType) {
    contentTypes.put(name, contentType);
    try {
      Files.createDirectories(root.resolve("artifacts").resolve(name).getParent());
      Files.copy(file, root.resolve("artifacts").resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  final Map<String, String> childStatus = new java.util.LinkedHashMap<>();
  final Map<String, JsonNode> childInputs = new java.util.LinkedHashMap<>();
  final Map<String, String> childErrors = new java.util.LinkedHashMap<>();

  @Override
  public List<String> ensureChildren(List<ChildItem> items) {
    List<String> ids = new ArrayList<>();
    for (ChildItem item : items) {
      String id = "child_" + item.key();
      childStatus.putIfAbsent(id, "queued");
      childInputs.put(id, item.input());
      ids.add(id);
    }
    return ids;
  }

  @Override
  public boolean claimChild(String childId) {
    return childStatus.replace(childId, "queued", "running");
  }

  @Override
  public void childArtifact(String childId, String name, Path file, String contentType) {
    artifact(childId + "/" + name, file, contentType);
  }

  @Override
  public void succeedChild(String childId, JsonNode result) {
    childStatus.put(childId, "succeeded");
  }

  @Override
  public void failChild(String childId, String code, String message) {
    childStatus.put(childId, "failed:" + code);
    childErrors.put(childId, message);
  }

  @Override
  public dev.rayform.core.job.ItemCounts itemCounts() {
    int queued = 0, running = 0, succeeded = 0, failed = 0;
    Map<String, Integer> codes = new java.util.TreeMap<>();
    for (String s : childStatus.values()) {
      if (s.startsWith("failed:")) {
        failed++;
        codes.merge(s.substring("failed:".length()), 1, Integer::sum);
      } else if (s.equals("succeeded")) {
        succeeded++;
      } else if (s.equals("running")) {
        running++;
      } else {
        queued++;
      }
    }
    return new dev.rayform.core.job.ItemCounts(childStatus.size(), queued, running, succeeded, failed, 0, codes);
  }

  @Override
  public String storeUpload(Path file, String filename, String contentType) {
    String id = "up_" + uploads.size();
    uploads.put(id, file);
    return id;
  }

  @Override
  public boolean cancelRequested() {
    return cancel.get();
  }

  Path artifact(String name) {
    return root.resolve("artifacts").resolve(name);
  }
}
