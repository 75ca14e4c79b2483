package dev.rayform.gateway;

import dev.rayform.gateway.webhooks.WebhookOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gateway serves.
 *
 * @param host interface to bind
 * @param port HTTP port (0: a free one, see {@link GatewayVerticle#actualPort()})
 * @param uploadLimit largest upload in bytes (413 beyond)
 * @param bodyLimit largest JSON body in bytes (413 beyond)
 * @param maxJsonDepth deepest nesting a JSON body may have
 * @param eventQueueBound events a websocket may have waiting before it is closed as too slow
 * @param artifactUrlTtl lifetime of presigned artifact URLs; null or zero streams every download
 * @param tempDir where uploads are spooled before they go to the store (null: the system's)
 * @param readyTimeout how long each /ready check may take
 * @param limits per-tenant request rate and concurrent-job quota
 * @param webhooks the webhook dispatcher's retries, timeouts and SSRF switch
 * @param idleTimeout a connection that sends and receives nothing for this long is closed (slow or
 *     stalled clients, half-sent bodies); null or zero: never. The default, 90 s, stays above the 60 s
 *     keep-alive of common HTTP clients, so a pooled connection is dropped by its client first
 */
public record GatewayOptions(
    String host,
    int port,
    long uploadLimit,
    long bodyLimit,
    int maxJsonDepth,
    int eventQueueBound,
    Duration artifactUrlTtl,
    Path tempDir,
    Duration readyTimeout,
    Limits limits,
    WebhookOptions webhooks,
    Duration idleTimeout) {

  /**
   * Per-tenant limits, per gateway process.
   *
   * @param requestsPerSecond token refill rate of a tenant's bucket (0: no rate limit)
   * @param burst bucket size: requests a tenant may make at once
   * @param maxActiveJobs top-level jobs a tenant may have queued or running at once (0: no quota)
   * @param quotaRetryAfter the Retry-After of a refused submission (when a job will finish is unknown)
   * @param maxQueuedJobs top-level jobs all tenants together may have queued (the queue depth; 0: no
   *     limit); past it submissions get 429 {@code queue_full} with {@code quotaRetryAfter}. Checked in
   *     the submission's transaction, not under a global lock: concurrent submissions may overshoot by
   *     at most their number.
   */
  public record Limits(double requestsPerSecond, int burst, int maxActiveJobs, Duration quotaRetryAfter, int maxQueuedJobs) {
    public Limits(double requestsPerSecond, int burst, int maxActiveJobs, Duration quotaRetryAfter) {
      this(requestsPerSecond, burst, maxActiveJobs, quotaRetryAfter, 0);
    }

    public static Limits defaults() {
      return new Limits(50, 100, 25, Duration.ofSeconds(10), 10_000);
    }

    public static Limits unlimited() {
      return new Limits(0, 0, 0, Duration.ofSeconds(10), 0);
    }

    public Limits withMaxQueuedJobs(int n) {
      return new Limits(requestsPerSecond, burst, maxActiveJobs, quotaRetryAfter, n);
    }
  }

  public static GatewayOptions defaults() {
    return new GatewayOptions("0.0.0.0", 8080, 512L * 1024 * 1024, 1024 * 1024, 32, 1000, Duration.ofMinutes(5), null,
        Duration.ofSeconds(3), Limits.defaults(), WebhookOptions.defaults(), Duration.ofSeconds(90));
  }

  public GatewayOptions withHost(String h) {
    return new GatewayOptions(h, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        limits, webhooks, idleTimeout);
  }

  public GatewayOptions withPort(int p) {
    return new GatewayOptions(host, p, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        limits, webhooks, idleTimeout);
  }

  public GatewayOptions withUploadLimit(long bytes) {
    return new GatewayOptions(host, port, bytes, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        limits, webhooks, idleTimeout);
  }

  public GatewayOptions withEventQueueBound(int events) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, events, artifactUrlTtl, tempDir, readyTimeout,
        limits, webhooks, idleTimeout);
  }

  public GatewayOptions withArtifactUrlTtl(Duration ttl) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, ttl, tempDir, readyTimeout,
        limits, webhooks, idleTimeout);
  }

  public GatewayOptions withLimits(Limits l) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        l, webhooks, idleTimeout);
  }

  public GatewayOptions withWebhooks(WebhookOptions w) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        limits, w, idleTimeout);
  }

  public GatewayOptions withIdleTimeout(Duration t) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout,
        limits, webhooks, t);
  }

  /** Whether artifact downloads redirect to presigned URLs when the store makes them. */
  boolean presignDownloads() {
    return artifactUrlTtl != null && !artifactUrlTtl.isZero() && !artifactUrlTtl.isNegative();
  }
}
