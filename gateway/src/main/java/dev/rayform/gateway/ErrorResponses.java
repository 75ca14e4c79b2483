package dev.rayform.gateway;

import dev.rayform.core.PlatformException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into the API's JSON errors: {@link ApiError}s as they are, {@link PlatformException}s
 * by their code, bare statuses of vertx-web (404, 405, 413) by status, and anything else into a 500
 * (or a 503 when a dependency is unreachable) whose body never carries a stack trace.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  /** Platform codes whose status is not 500. */
  private static final Map<String, Integer> PLATFORM_STATUS = Map.of(
      "idempotency_key_reused", 409,
      "idempotency_request_in_progress", 409,
      "job_already_finished", 409,
      "invalid_input", 422,
      "kafka_unavailable", 503,
      "object_store_failure", 503,
      "object_not_found", 404);

  private ErrorResponses() {}

  /** The router's failure handler. */
  static void handleFailure(RoutingContext ctx) {
    if (closedByPeer(ctx.failure()) || ctx.response().closed()) {
      // The client went away (or was timed out as idle): nobody to answer, nothing unexpected.
      LOG.debug("connection closed during {} {}", ctx.request().method(), ctx.request().path());
      return;
    }
    if (ctx.response().headWritten()) {
      // Too late for an error body (e.g. a download broke off): drop the connection.
      ctx.request().connection().close();
      return;
    }
    send(ctx, toApiError(ctx.failure(), ctx.statusCode()));
  }

  static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof PlatformException pe) {
      int s = PLATFORM_STATUS.getOrDefault(pe.code(), pe.code().endsWith("_not_found") ? 404 : 500);
      if (s == 500) {
        LOG.error("unexpected platform error", pe);
        return new ApiError(500, "internal_error", "Internal error");
      }
      return new ApiError(s, s == 503 ? "unavailable" : pe.code(), pe.getMessage());
    }
    if (failure instanceof DecodeException) {
      return ApiError.invalidJson("The body is not valid JSON");
    }
    if (failure == null || status > 0 && status != 500) {
      return forStatus(status < 0 ? 500 : status);
    }
    if (unreachable(failure)) {
      LOG.warn("dependency unreachable: {}", failure.toString());
      return ApiError.unavailable("A dependency is unavailable; retry later");
    }
    LOG.error("unexpected error", failure);
    return new ApiError(500, "internal_error", "Internal error");
  }

  static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("Bad request");
      case 401 -> ApiError.unauthorized();
      case 404 -> ApiError.notFound("not_found", "No such resource");
      case 405 -> new ApiError(405, "method_not_allowed", "Method not allowed on this resource");
      case 413 -> new ApiError(413, "payload_too_large", "The body is too large");
      case 415 -> ApiError.unsupportedMediaType("Unsupported content type");
      case 503 -> ApiError.unavailable("Unavailable; retry later");
      default -> new ApiError(status, "internal_error", "Internal error");
    };
  }

  static void send(RoutingContext ctx, ApiError e) {
    HttpServerResponse resp = ctx.response();
    JsonObject error = new JsonObject().put("code", e.code()).put("message", e.getMessage());
    if (e.details() != null) {
      error.put("details", e.details());
    }
    resp.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
    if (e.status() == 401) {
      resp.putHeader("WWW-Authenticate", "Bearer");
    }
    if (e.status() == 503 || e.status() == 429) {
      resp.putHeader("Retry-After", Long.toString(e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : 5));
    }
    HttpServerRequest req = ctx.request();
    if (!req.isEnded()) {
      // A body is still arriving (an oversized upload, a rejected key): answer, drain a little, then hang up.
      resp.putHeader("Connection", "close");
      req.handler(b -> {});
      req.endHandler(v -> req.connection().close());
      req.resume();
      ctx.vertx().setTimer(2000, t -> req.connection().close());
    }
    resp.end(new JsonObject().put("error", error).encode());
  }

  private static boolean closedByPeer(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof io.vertx.core.http.HttpClosedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The server's handler for requests the HTTP decoder refused (a bad Content-Length, a request line
   * or headers over the limits): the usual JSON error, 400 {@code bad_request}, 414
   * {@code uri_too_long} or 431 {@code headers_too_large}, and the connection closed.
   */
  static void invalidRequest(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    int status;
    String code;
    String message;
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      status = 414;
      code = "uri_too_long";
      message = "The request line is too long";
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
      message = "The request headers are too large";
    } else {
      status = 400;
      code = "bad_request";
      message = "Malformed HTTP request";
    }
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
        .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode())
        .onComplete(x -> req.connection().close());
  }

  private static boolean unreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }
}
