package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Ids;
import dev.rayform.core.repo.Upload;
import dev.rayform.core.store.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/uploads}: the raw body (its Content-Type recorded) or the multipart part named
 * {@code file}, spooled to a temporary file, then stored under {@code uploads/<tenant>/<id>} on a
 * worker thread (the store computes the SHA-256 while writing) and recorded.
 */
final class UploadsHandler {
  private static final Set<String> RAW_TYPES = Set.of("application/octet-stream", "application/zip", "application/x-zip-compressed",
      "application/x-tar", "application/gzip", "application/x-gzip", "text/csv", "application/json");

  private final Vertx vertx;
  private final PlatformServices services;
  private final long limit;
  private final TempFileReceiver receiver;

  UploadsHandler(Vertx vertx, PlatformServices services, GatewayOptions options) {
    this.vertx = vertx;
    this.services = services;
    this.limit = options.uploadLimit();
    this.receiver = new TempFileReceiver(vertx, options.tempDir(), options.uploadLimit());
  }

  void create(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String declared = req.getHeader("Content-Length");
    if (declared != null && parseLong(declared) > limit) {
      throw ApiError.tooLarge(limit);
    }
    String type = mediaType(req.getHeader("Content-Type"));
    Future<Received> received;
    if (type.equals("multipart/form-data")) {
      received = multipart(req);
    } else if (RAW_TYPES.contains(type) || type.startsWith("image/")) {
      received = receiver.receive(req).map(path -> new Received(path, type, null));
    } else {
      throw ApiError.unsupportedMediaType("Content-Type " + type + " is not accepted for uploads");
    }
    String tenant = Authenticator.tenant(ctx);
    received.compose(r -> store(tenant, r))
        .onSuccess(u -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(ApiJson.upload(u).encode()))
        .onFailure(ctx::fail);
  }

  private record Received(Path file, String contentType, String filename) {}

  private Future<Received> multipart(HttpServerRequest req) {
    Promise<Received> result = Promise.promise();
    AtomicReference<Future<Received>> part = new AtomicReference<>();
    req.setExpectMultipart(true);
    req.uploadHandler((HttpServerFileUpload upload) -> {
      if (part.get() == null && "file".equals(upload.name())) {
        String ct = upload.contentType() == null || upload.contentType().isBlank() ? "application/octet-stream" : mediaType(upload.contentType());
        upload.pause();
        part.set(receiver.receive(upload).map(path -> new Received(path, ct, safeName(upload.filename()))));
        part.get().onFailure(result::tryFail);
      } else {
        upload.handler(b -> {});
      }
    });
    req.exceptionHandler(result::tryFail);
    req.endHandler(v -> {
      if (part.get() == null) {
        result.tryFail(ApiError.validation("file", "multipart body has no part named file"));
      } else {
        part.get().onComplete(result);
      }
    });
    req.resume();
    return result.future().onFailure(e -> {
      if (part.get() != null) {
        part.get().onSuccess(r -> deleteQuietly(r.file()));
      }
    });
  }

  private Future<Upload> store(String tenant, Received r) {
    String id = Ids.next("upl");
    String key = "uploads/" + tenant + "/" + id;
    return vertx.<StoredObject>executeBlocking(() -> {
      try {
        return services.store().put(key, r.file(), r.contentType());
      } finally {
        deleteQuietly(r.file());
      }
    }, false).compose(so -> services.uploads().add(new Upload(id, tenant, so.size(), so.sha256(), r.contentType(), r.filename(), key)));
  }

  private static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return "application/octet-stream";
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static String safeName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    return base.length() > 255 ? base.substring(0, 255) : base;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("Content-Length is not a number");
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
