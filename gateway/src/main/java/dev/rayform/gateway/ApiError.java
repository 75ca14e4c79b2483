package dev.rayform.gateway;

import io.vertx.core.json.JsonObject;

/** An error answered as {@code {error:{code,message}}} with its HTTP status. Carries no stack trace. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient JsonObject details;
  private final long retryAfterSeconds;

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiError(int status, String code, String message, JsonObject details) {
    this(status, code, message, details, 0);
  }

  private ApiError(int status, String code, String message, JsonObject details, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds for the Retry-After header (0: none given). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject details() {
    return details;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError invalidJson(String message) {
    return new ApiError(400, "invalid_json", message);
  }

  /** A request that does not match the schema; {@code field} names the offending one. */
  public static ApiError validation(String field, String message) {
    return new ApiError(400, "validation_failed", message, new JsonObject().put("field", field));
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "unauthorized", "Missing, unknown or revoked API key");
  }

  public static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  public static ApiError tooLarge(long limit) {
    return new ApiError(413, "payload_too_large", "The body is larger than " + limit + " bytes");
  }

  public static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "unsupported_media_type", message);
  }

  public static ApiError invalidInput(String field, String message) {
    return new ApiError(422, "invalid_input", message, new JsonObject().put("field", field));
  }

  /** 429 with the seconds to wait (Retry-After). */
  public static ApiError tooManyRequests(String code, String message, long retryAfterSeconds) {
    return new ApiError(429, code, message, null, Math.max(1, retryAfterSeconds));
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message);
  }
}
