package dev.rayform.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract against a real S3 protocol server: s3proxy in-process on a temp dir. */
class S3ObjectStoreTest extends ObjectStoreContractTest {
  private static final String ACCESS_KEY = "rayform-test";
  private static final String SECRET_KEY = "rayform-test-secret";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static Path blobs;
  private static S3Proxy proxy;
  private static URI endpoint;

  private S3ObjectStore store;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    blobs = Files.createTempDirectory("rayform-s3proxy");
    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  @BeforeEach
  void openBucket() {
    String bucket = "test-" + BUCKETS.incrementAndGet();
    store = new S3ObjectStore(S3Settings.of(bucket, endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY));
    store.ensureBucket();
    store.ensureBucket(); // idempotent
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  /**
   * s3proxy's filesystem blob store keeps the temporary file of an aborted upload and lists it
   * as "key-UUID" (s3proxy 4.1.0); the key itself stays absent, which is what S3 promises.
   */
  @Override
  protected boolean abortedPutsLeaveNoStrayKeys() {
    return false;
  }

  @Test
  void streamsAboveTheInMemoryLimitAreSpooledAndStoredWhole() throws Exception {
    byte[] big = new byte[9 << 20];
    new java.util.Random(5).nextBytes(big);
    store().put("big", new java.io.ByteArrayInputStream(big), big.length, null);
    assertThat(store().size("big")).isEqualTo(big.length);
    try (java.io.InputStream in = store().get("big")) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
    byte[] tooLong = java.util.Arrays.copyOf(big, big.length + 1);
    assertThatThrownBy(() -> store().put("big-long", new java.io.ByteArrayInputStream(tooLong), big.length, null))
        .isInstanceOfSatisfying(ObjectStoreException.class, e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_INPUT));
    assertThat(store().exists("big-long")).isFalse();
  }

  @Test
  void presignedUrlDownloadsWithoutCredentials() throws Exception {
    byte[] content = randomBytes(5000, 8);
    store.put("jobs/j1/mesh.glb", content, "model/gltf-binary");

    URI url = store.downloadUrl("jobs/j1/mesh.glb", Duration.ofMinutes(5)).orElseThrow();

    assertThat(url.toString()).startsWith(endpoint + "/" + store.settings().bucket() + "/jobs/j1/mesh.glb?");
    HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
    try (InputStream in = http.getInputStream()) {
      assertThat(http.getResponseCode()).isEqualTo(200);
      assertThat(http.getContentType()).isEqualTo("model/gltf-binary");
      assertThat(in.readAllBytes()).isEqualTo(content);
    } finally {
      http.disconnect();
    }
  }

  @Test
  void downloadUrlTtlIsBounded() {
    assertThatThrownBy(() -> store.downloadUrl("k", Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.downloadUrl("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrongCredentialsAreAStoreFailure() {
    S3Settings bad = S3Settings.of(store.settings().bucket(), endpoint, "us-east-1", ACCESS_KEY, "wrong");
    try (S3ObjectStore intruder = new S3ObjectStore(bad)) {
      assertThatThrownBy(() -> intruder.put("k", bytes("x"), null))
          .isInstanceOfSatisfying(ObjectStoreException.class,
              e -> assertThat(e.code()).isEqualTo(ObjectStoreException.STORE_FAILURE));
    }
    assertThat(store.exists("k")).isFalse();
  }

  @Test
  void factoryOpensS3LocationsWithEnvironmentCredentials() {
    String config = "s3://" + store.settings().bucket() + "?endpoint=" + endpoint + "&region=eu-west-1";
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    try (ObjectStore opened = ObjectStores.open(config, null, null, env)) {
      opened.put("via-factory", bytes("hello"), "text/plain");
    }
    assertThat(store.exists("via-factory")).isTrue();
  }
}
