package dev.rayform.gateway;

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
    Duration readyTimeout) {

  public static GatewayOptions defaults() {
    return new GatewayOptions("0.0.0.0", 8080, 512L * 1024 * 1024, 1024 * 1024, 32, 1000, Duration.ofMinutes(5), null,
        Duration.ofSeconds(3));
  }

  public GatewayOptions withHost(String h) {
    return new GatewayOptions(h, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout);
  }

  public GatewayOptions withPort(int p) {
    return new GatewayOptions(host, p, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout);
  }

  public GatewayOptions withUploadLimit(long bytes) {
    return new GatewayOptions(host, port, bytes, bodyLimit, maxJsonDepth, eventQueueBound, artifactUrlTtl, tempDir, readyTimeout);
  }

  public GatewayOptions withEventQueueBound(int events) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, events, artifactUrlTtl, tempDir, readyTimeout);
  }

  public GatewayOptions withArtifactUrlTtl(Duration ttl) {
    return new GatewayOptions(host, port, uploadLimit, bodyLimit, maxJsonDepth, eventQueueBound, ttl, tempDir, readyTimeout);
  }

  /** Whether artifact downloads redirect to presigned URLs when the store makes them. */
  boolean presignDownloads() {
    return artifactUrlTtl != null && !artifactUrlTtl.isZero() && !artifactUrlTtl.isNegative();
  }
}
