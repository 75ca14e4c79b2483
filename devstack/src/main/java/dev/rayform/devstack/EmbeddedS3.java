package dev.rayform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible endpoint (s3proxy) whose objects are plain files under the given folder.
 *
 * <p>Clients must use path-style addressing and any region (conventionally {@link #REGION}); it
 * accepts AWS signature v2 and v4, presigned URLs included.
 */
public final class EmbeddedS3 implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String DEFAULT_ACCESS_KEY = "rayform-dev";
  public static final String DEFAULT_SECRET_KEY = "rayform-dev-secret";

  private final Path dataDir;
  private final int port;
  private final String bucket;
  private final String accessKey;
  private final String secretKey;
  private S3Proxy proxy;

  /** A store under {@code dataDir} on a free port with the default development keys. */
  public EmbeddedS3(Path dataDir, String bucket) {
    this(dataDir, 0, bucket, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  /** A store on {@code port} (0 picks a free one) with the given keys. */
  public EmbeddedS3(Path dataDir, int port, String bucket, String accessKey, String secretKey) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = FreePorts.orFree(port);
    this.bucket = bucket;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts the HTTP endpoint and creates the bucket if missing. */
  public synchronized EmbeddedS3 start() {
    if (proxy != null) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      BlobStore store = new FilesystemNio2BlobStore(dataDir.toString());
      if (!store.containerExists(bucket)) {
        store.createContainer(bucket);
      }
      S3Proxy candidate = S3Proxy.builder()
          .blobStore(store)
          .endpoint(endpoint())
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
          .ignoreUnknownHeaders(true)
          // No graceful phase: idle keep-alive connections from SDK clients would make Jetty
          // wait out the timeout and then throw TimeoutException from stop().
          .stopTimeout(0)
          .build();
      candidate.start();
      awaitStarted(candidate);
      proxy = candidate;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("S3 store failed to start in " + dataDir, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("S3 store failed to start on " + endpoint(), e);
    }
  }

  /** Stops the endpoint; objects stay on disk. */
  public synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3 store did not stop cleanly", e);
    } finally {
      proxy = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return proxy != null;
  }

  /** {@code http://127.0.0.1:port}; valid before start and across restarts. */
  public URI endpoint() {
    return URI.create("http://" + FreePorts.LOOPBACK + ":" + port);
  }

  public int port() {
    return port;
  }

  public String region() {
    return REGION;
  }

  public String bucket() {
    return bucket;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Root folder: one sub-folder per bucket, one file per object. */
  public Path dataDir() {
    return dataDir;
  }

  private static void awaitStarted(S3Proxy candidate) throws InterruptedException {
    // Jetty may still be STARTING when start() returns; s3proxy's own test helper polls too.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(candidate.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy stuck in state " + candidate.getState());
      }
      Thread.sleep(5);
    }
  }
}
