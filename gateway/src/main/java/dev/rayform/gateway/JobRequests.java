package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.core.repo.Upload;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation of {@code POST /v1/jobs} bodies: the shape first (400 {@code validation_failed}, naming
 * the field), then what the ids refer to, within the caller's tenant (404 for a missing upload, model
 * or dataset; 422 {@code invalid_input} for an upload of the wrong kind).
 */
final class JobRequests {
  private static final Set<String> ARCHIVE_TYPES = Set.of("application/zip", "application/x-zip-compressed", "application/x-tar",
      "application/gzip", "application/x-gzip", "text/csv", "application/json", "application/octet-stream");

  /** A well-formed request. */
  record JobRequest(JobType type, JsonObject input, JsonObject options, JsonObject webhook) {}

  private final PlatformServices services;

  JobRequests(PlatformServices services) {
    this.services = services;
  }

  /** Checks the shape of the body (no I/O). */
  static JobRequest parse(JsonObject body) {
    Object rawType = body.getValue("type");
    if (rawType == null) {
      throw ApiError.validation("type", "type is required (reconstruct, catalog, dataset, train or evaluate)");
    }
    JobType type = rawType instanceof String s ? JobType.fromApiName(s).orElse(null) : null;
    if (type == null) {
      throw ApiError.validation("type", "type must be one of reconstruct, catalog, dataset, train, evaluate");
    }
    JsonObject input = object(body, "input", true);
    JsonObject options = object(body, "options", false);
    JsonObject webhook = object(body, "webhook", false);
    switch (type) {
      case RECONSTRUCT, CATALOG -> {
        requireId(input, "upload");
        checkReconstructOptions(options);
      }
      case DATASET -> {
        if (!input.containsKey("source") && !input.containsKey("upload")) {
          throw ApiError.validation("input.source", "a dataset job needs input.source or input.upload");
        }
        if (input.containsKey("source") && !(input.getValue("source") instanceof String)) {
          throw ApiError.validation("input.source", "input.source must be a string");
        }
        optionalId(input, "upload");
      }
      case TRAIN -> {
        requireId(input, "dataset");
        optionalId(input, "model");
      }
      case EVALUATE -> {
        requireId(input, "dataset");
        optionalId(input, "model");
      }
    }
    if (webhook != null) {
      Object url = webhook.getValue("url");
      if (!(url instanceof String u) || !u.toLowerCase(Locale.ROOT).matches("^https?://[^\\s]+$") || u.length() > 2048) {
        throw ApiError.validation("webhook.url", "webhook.url must be an http(s) URL");
      }
    }
    return new JobRequest(type, input, options == null ? new JsonObject() : options, webhook);
  }

  /** Checks that the referenced upload, dataset and model belong to (or are shared with) the tenant. */
  Future<JobRequest> resolve(String tenant, JobRequest r) {
    Future<Void> checks = Future.succeededFuture();
    String upload = r.input().getString("upload");
    if (upload != null) {
      checks = checks.compose(v -> services.uploads().find(tenant, upload)).compose(u -> {
        if (u.isEmpty()) {
          return Future.failedFuture(ApiError.notFound("upload_not_found", "No upload " + upload));
        }
        checkUploadKind(r.type(), u.get());
        return Future.succeededFuture();
      });
    }
    String dataset = r.input().getString("dataset");
    if (dataset != null) {
      checks = checks.compose(v -> services.datasets().prefix(tenant, dataset)).compose(d -> d.isPresent()
          ? Future.succeededFuture()
          : Future.failedFuture(ApiError.notFound("not_found", "No dataset " + dataset)));
    }
    for (String model : List.of(r.input().getString("model", ""), r.options().getValue("model") instanceof String m ? m : "")) {
      if (!model.isEmpty()) {
        checks = checks.compose(v -> services.models().prefix(tenant, model)).compose(m -> m.isPresent()
            ? Future.succeededFuture()
            : Future.failedFuture(ApiError.notFound("model_not_found", "No model " + model)));
      }
    }
    return checks.map(r);
  }

  private static void checkUploadKind(JobType type, Upload u) {
    String ct = u.contentType();
    if (type == JobType.RECONSTRUCT && !(ct.startsWith("image/") || ct.equals("application/octet-stream"))) {
      throw ApiError.invalidInput("input.upload", "a reconstruct job needs an image upload, not " + ct);
    }
    if (type == JobType.CATALOG && !ARCHIVE_TYPES.contains(ct)) {
      throw ApiError.invalidInput("input.upload", "a catalog job needs a zip, tar, CSV or JSON manifest upload, not " + ct);
    }
  }

  /** The options' shape and ranges, by their one owner in core; the model, besides, must look like an id. */
  private static void checkReconstructOptions(JsonObject options) {
    if (options == null) {
      return;
    }
    try {
      ProductJobOptions.parse(options.getMap());
    } catch (ProductJobOptions.InvalidOption e) {
      throw ApiError.validation(e.field(), e.getMessage());
    }
    Object model = options.getValue("model");
    if (model != null && !(model instanceof String s && Pages.isId(s))) {
      throw ApiError.validation("options.model", "options.model must be a model id");
    }
  }

  private static JsonObject object(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.validation(field, field + " is required");
      }
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw ApiError.validation(field, field + " must be an object");
    }
    return o;
  }

  private static void requireId(JsonObject input, String field) {
    if (!input.containsKey(field)) {
      throw ApiError.validation("input." + field, "input." + field + " is required");
    }
    optionalId(input, field);
  }

  private static void optionalId(JsonObject input, String field) {
    Object v = input.getValue(field);
    if (v != null && !(v instanceof String s && Pages.isId(s))) {
      throw ApiError.validation("input." + field, "input." + field + " must be an id");
    }
  }
}
