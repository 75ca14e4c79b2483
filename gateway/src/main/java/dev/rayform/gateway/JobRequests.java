package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import dev.rayform.core.repo.Upload;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation of {@code POST /v1/jobs} bodies: the shape first (400 {@code validation_failed}, naming
 * the field), then what the ids refer to, within the caller's tenant (404 for a missing upload, model
 * or dataset; 422 {@code invalid_input} for an upload of the wrong kind).
 */
final class JobRequests {
  private static final Set<String> FORMATS = Set.of("glb", "usdz", "obj", "ply");
  private static final Set<Integer> RESOLUTIONS = Set.of(32, 64, 128, 256);
  /** The workers' bounds on a simplification target (recon's QuadricSimplifier.MIN_TARGET; the gateway loads no recon). */
  private static final int MIN_FACES = 4, MAX_FACES = 10_000_000;
  private static final int MIN_TEXTURE = 16, MAX_TEXTURE = 4096;
  private static final List<String> UNITS = List.of("mm", "cm", "m", "in", "ft");
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
      checks = checks.compose(v -> services.repos().upload(tenant, upload)).compose(u -> {
        if (u.isEmpty()) {
          return Future.failedFuture(ApiError.notFound("upload_not_found", "No upload " + upload));
        }
        checkUploadKind(r.type(), u.get());
        return Future.succeededFuture();
      });
    }
    String dataset = r.input().getString("dataset");
    if (dataset != null) {
      checks = checks.compose(v -> services.repos().datasetPrefix(tenant, dataset)).compose(d -> d.isPresent()
          ? Future.succeededFuture()
          : Future.failedFuture(ApiError.notFound("not_found", "No dataset " + dataset)));
    }
    for (String model : List.of(r.input().getString("model", ""), r.options().getValue("model") instanceof String m ? m : "")) {
      if (!model.isEmpty()) {
        checks = checks.compose(v -> services.repos().modelPrefix(tenant, model)).compose(m -> m.isPresent()
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

  private static void checkReconstructOptions(JsonObject options) {
    if (options == null) {
      return;
    }
    Object formats = options.getValue("formats");
    if (formats != null) {
      if (!(formats instanceof JsonArray a) || a.isEmpty()) {
        throw ApiError.validation("options.formats", "options.formats must be a non-empty array");
      }
      Set<Object> seen = new HashSet<>();
      for (Object f : a) {
        if (!(f instanceof String s) || !FORMATS.contains(s) || !seen.add(s)) {
          throw ApiError.validation("options.formats", "options.formats takes distinct values of glb, usdz, obj, ply");
        }
      }
    }
    Object resolution = options.getValue("resolution");
    if (resolution != null && !(resolution instanceof Integer i && RESOLUTIONS.contains(i))) {
      throw ApiError.validation("options.resolution", "options.resolution must be 32, 64, 128 or 256");
    }
    Object threshold = options.getValue("threshold");
    if (threshold != null && !(threshold instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 1)) {
      throw ApiError.validation("options.threshold", "options.threshold must be between 0 and 1 (exclusive)");
    }
    Object faces = options.getValue("faces");
    if (faces != null && !(faces instanceof Integer i && (i == 0 || i >= MIN_FACES && i <= MAX_FACES))) {
      throw ApiError.validation("options.faces", "options.faces must be 0 (the full surface) or an integer from " + MIN_FACES + " to " + MAX_FACES);
    }
    Object colour = options.getValue("colour");
    if (colour != null && !(colour instanceof Boolean)) {
      throw ApiError.validation("options.colour", "options.colour must be true or false");
    }
    Object textureSize = options.getValue("texture_size");
    if (textureSize != null && !(textureSize instanceof Integer i && i >= MIN_TEXTURE && i <= MAX_TEXTURE)) {
      throw ApiError.validation("options.texture_size", "options.texture_size must be an integer from " + MIN_TEXTURE + " to " + MAX_TEXTURE);
    }
    Object dimensions = options.getValue("dimensions");
    if (dimensions != null) {
      checkDimensions(dimensions);
    }
    Object model = options.getValue("model");
    if (model != null && !(model instanceof String s && Pages.isId(s))) {
      throw ApiError.validation("options.model", "options.model must be a model id");
    }
  }

  /** {@code {width?, depth?, height?, unit}}: at least one positive length and a known unit. */
  private static void checkDimensions(Object value) {
    String field = "options.dimensions";
    if (!(value instanceof JsonObject d)) {
      throw ApiError.validation(field, field + " must be an object {width, depth, height, unit}");
    }
    int given = 0;
    for (String axis : List.of("width", "depth", "height")) {
      Object v = d.getValue(axis);
      if (v == null) {
        continue;
      }
      if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
        throw ApiError.validation(field + "." + axis, field + "." + axis + " must be a positive number");
      }
      given++;
    }
    if (given == 0) {
      throw ApiError.validation(field, field + " needs at least one of width, depth, height");
    }
    if (!(d.getValue("unit") instanceof String unit && UNITS.contains(unit))) {
      throw ApiError.validation(field + ".unit", field + ".unit must be one of " + UNITS);
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
