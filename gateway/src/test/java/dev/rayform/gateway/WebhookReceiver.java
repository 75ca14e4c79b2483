package dev.rayform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback for tests: records every request per path and answers the status
 * codes queued for that path (then 200). Verifies Standard Webhooks signatures with its own
 * implementation of the scheme, written from the specification, not from the production signer.
 */
final class WebhookReceiver implements AutoCloseable {
  /** A request as received. */
  record Received(String id, String timestamp, String signature, String body, Instant at) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final HttpServer server;
  private final Map<String, List<Received>> byPath = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> always = new ConcurrentHashMap<>();

  WebhookReceiver(Vertx vertx) throws Exception {
    server = vertx.createHttpServer();
    server.requestHandler(req -> req.body().onSuccess(body -> {
      byPath.computeIfAbsent(req.path(), p -> new CopyOnWriteArrayList<>()).add(new Received(req.getHeader("webhook-id"),
          req.getHeader("webhook-timestamp"), req.getHeader("webhook-signature"), body.toString(StandardCharsets.UTF_8), Instant.now()));
      int status;
      synchronized (this) {
        Deque<Integer> queued = answers.get(req.path());
        status = queued != null && !queued.isEmpty() ? queued.poll() : always.getOrDefault(req.path(), 200);
      }
      req.response().setStatusCode(status).end(status >= 400 ? "receiver says no" : "ok");
    }));
    RunningGateway.await(server.listen(0, "127.0.0.1"));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** The statuses the next requests to {@code path} get, in order; afterwards 200. */
  synchronized void answer(String path, Integer... statuses) {
    answers.put(path, new ArrayDeque<>(List.of(statuses)));
  }

  /** Every request to {@code path} gets {@code status}. */
  synchronized void alwaysAnswer(String path, int status) {
    always.put(path, status);
  }

  List<Received> received(String path) {
    return byPath.getOrDefault(path, List.of());
  }

  List<Received> awaitReceived(String path, int count) throws InterruptedException {
    eventually(Duration.ofSeconds(30), () -> received(path).size() >= count);
    return received(path);
  }

  /** Standard Webhooks verification: any {@code v1,} signature equal to HMAC-SHA256(key, id.timestamp.body), timestamp within 5 min. */
  static boolean verifies(String secret, Received r) throws Exception {
    assertThat(secret).startsWith("whsec_");
    long ts = Long.parseLong(r.timestamp());
    if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
    for (String part : r.signature().split(" ")) {
      int comma = part.indexOf(',');
      if (comma > 0 && part.substring(0, comma).equals("v1")
          && MessageDigest.isEqual(Base64.getDecoder().decode(part.substring(comma + 1)), expected)) {
        return true;
      }
    }
    return false;
  }

  static void eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws Exception {
    RunningGateway.await(server.close());
  }
}
