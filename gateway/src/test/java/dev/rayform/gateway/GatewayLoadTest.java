package dev.rayform.gateway;

import static dev.rayform.gateway.RunningGateway.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.gateway.RunningGateway.Resp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load on one gateway with no worker (jobs stay queued): 1,000 jobs queued by 40 tenants (25 each,
 * the per-tenant quota) while 50 websocket clients listen, against a global queue depth of 1,001 (the
 * 1,000 and one job read throughout).
 * Measures the p50/p99 of {@code GET /v1/jobs/{id}} during the submissions and once the queue is
 * full, heap (after GC) and RSS before and after, and that the 1,001st job gets 429 {@code queue_full}
 * while a tenant's 26th gets 429 {@code job_quota_exceeded}. Too slow for {@code mvn test}:
 * <pre>mvn -pl gateway -am test -Dtest=GatewayLoadTest -Drayform.load=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Writes {@code target/load-report.md}. The JVM also hosts the embedded Kafka, PostgreSQL and S3,
 * so heap and RSS are upper bounds for the gateway itself.
 */
@EnabledIfSystemProperty(named = "rayform.load", matches = "true")
class GatewayLoadTest {
  static final int TENANTS = 40, PER_TENANT = 25, JOBS = TENANTS * PER_TENANT, SOCKETS = 50, SUBMITTERS = 8;
  static RunningGateway gw;
  static WebSocketClient wsClient;
  /** The submitters' client (a connection each) and the reader's own, so its latencies carry no client-side queueing. */
  static io.vertx.ext.web.client.WebClient submitters;
  static io.vertx.ext.web.client.WebClient reader;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start(GatewayOptions.defaults().withLimits(new GatewayOptions.Limits(0, 0, PER_TENANT, Duration.ofSeconds(10), JOBS + 1)));
    wsClient = gw.vertx.createWebSocketClient();
    io.vertx.ext.web.client.WebClientOptions o = new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gw.port());
    submitters = io.vertx.ext.web.client.WebClient.create(gw.vertx, o, new io.vertx.core.http.PoolOptions().setHttp1MaxSize(SUBMITTERS));
    reader = io.vertx.ext.web.client.WebClient.create(gw.vertx, new io.vertx.ext.web.client.WebClientOptions(o),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
  }

  @AfterAll
  static void stop() throws Exception {
    if (wsClient != null) {
      await(wsClient.close());
    }
    if (submitters != null) {
      submitters.close();
      reader.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long rssBytes() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
  }

  @Test
  void thousandQueuedJobsAndFiftySocketsStayBoundedFastAndBackPressured() throws Exception {
    List<String> keys = new ArrayList<>();
    List<String> uploads = new ArrayList<>();
    for (int t = 0; t < TENANTS + 1; t++) {
      String key = gw.tenantKey("ten_load_" + t);
      keys.add(key);
      uploads.add(gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png"));
    }
    // A job to read while the load goes on.
    String probeJob = gw.submitReconstruct(gw.keyA).getString("id");
    for (int i = 0; i < 50; i++) {
      gw.get(gw.keyA, "/v1/jobs/" + probeJob); // warm-up
    }
    long heapBefore = heapAfterGc();
    long rssBefore = rssBytes();

    // 50 tenant-wide sockets, spread over the tenants; each counts its tenant's job.queued events.
    Map<Integer, AtomicInteger> eventsPerSocket = new ConcurrentHashMap<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int s = 0; s < SOCKETS; s++) {
      int tenant = s % TENANTS;
      AtomicInteger count = new AtomicInteger();
      eventsPerSocket.put(s, count);
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gw.port()).setURI("/v1/events")
          .addHeader("Authorization", "Bearer " + keys.get(tenant));
      sockets.add(await(wsClient.connect(o).map(ws -> {
        ws.textMessageHandler(text -> {
          if ("job.queued".equals(new JsonObject(text).getString("type"))) {
            count.incrementAndGet();
          }
        });
        return ws;
      })));
    }

    // Submissions from 8 threads while a reader measures GET /v1/jobs/{id}.
    List<Double> duringSubmit = new CopyOnWriteArrayList<>();
    AtomicBoolean submitting = new AtomicBoolean(true);
    Thread readerThread = new Thread(() -> {
      while (submitting.get()) {
        duringSubmit.add(timedGet(probeJob));
      }
    });
    readerThread.start();
    ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
    List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < TENANTS; t++) {
      int tenant = t;
      results.add(pool.submit(() -> {
        int accepted = 0;
        for (int j = 0; j < PER_TENANT; j++) {
          Resp r = submit(keys.get(tenant), uploads.get(tenant));
          if (r.status() == 202) {
            accepted++;
          } else {
            throw new AssertionError("tenant " + tenant + " job " + j + ": " + r.status() + " " + r.body());
          }
        }
        return accepted;
      }));
    }
    int accepted = 0;
    for (var f : results) {
      accepted += f.get();
    }
    double submitSeconds = (System.nanoTime() - t0) / 1e9;
    submitting.set(false);
    readerThread.join();
    pool.shutdown();
    assertThat(accepted).isEqualTo(JOBS);

    // Back-pressure: the queue holds JOBS top-level jobs (plus the probe job): a new tenant's job is refused,
    // and so is a full tenant's 26th.
    Resp full = submit(keys.get(TENANTS), uploads.get(TENANTS));
    assertThat(full.status()).isEqualTo(429);
    assertThat(full.errorCode()).isEqualTo("queue_full");
    assertThat(full.headers().get("Retry-After")).isEqualTo("10");
    Resp quota = submit(keys.get(0), uploads.get(0));
    assertThat(quota.status()).isEqualTo(429);
    assertThat(quota.errorCode()).isEqualTo("job_quota_exceeded");

    // Every socket got every job.queued event of its tenant.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && eventsPerSocket.values().stream().anyMatch(c -> c.get() < PER_TENANT)) {
      Thread.sleep(100);
    }
    int eventsDelivered = eventsPerSocket.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(eventsPerSocket.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(PER_TENANT));

    // Steady state: 1,000 queued, 50 sockets open.
    List<Double> steady = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      steady.add(timedGet(probeJob));
    }
    long heapAfter = heapAfterGc();
    long rssAfter = rssBytes();
    for (WebSocket ws : sockets) {
      await(ws.close());
    }

    List<Double> during = new ArrayList<>(duringSubmit);
    Collections.sort(during);
    Collections.sort(steady);
    String report = String.format(java.util.Locale.ROOT, """
        # Gateway load (GatewayLoadTest)

        - %d jobs queued by %d tenants (%d each) from %d threads in %.1f s (%.0f submissions/s), %d websocket clients open
        - GET /v1/jobs/{id} during the submissions: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms
        - GET /v1/jobs/{id} with %d queued and %d sockets: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms
        - job.queued events delivered to the sockets: %d (every socket all of its tenant's)
        - the %d-th job: 429 %s (Retry-After %s); a tenant's %d-th: 429 %s
        - heap after GC: %.0f MiB before, %.0f MiB after (%+.0f MiB); RSS %.0f MiB before, %.0f MiB after
          (one JVM: gateway, embedded Kafka, PostgreSQL client pool, S3 server, test clients)
        """, JOBS, TENANTS, PER_TENANT, SUBMITTERS, submitSeconds, JOBS / submitSeconds, SOCKETS,
        during.size(), percentile(during, 50), percentile(during, 99), during.isEmpty() ? Double.NaN : during.get(during.size() - 1),
        JOBS, SOCKETS, steady.size(), percentile(steady, 50), percentile(steady, 99), steady.get(steady.size() - 1),
        eventsDelivered, JOBS + 2, full.errorCode(), full.headers().get("Retry-After"), PER_TENANT + 1, quota.errorCode(),
        heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0, rssBefore / 1048576.0, rssAfter / 1048576.0);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "load-report.md"), report);
    System.out.println(report);

    assertThat(percentile(steady, 99)).as("p99 of GET /v1/jobs/{id} at steady state, ms").isLessThan(100);
    assertThat(heapAfter - heapBefore).as("heap growth after GC with 1,000 queued jobs and 50 sockets").isLessThan(256L << 20);
  }

  private static double timedGet(String job) {
    long t = System.nanoTime();
    try {
      HttpResponse<Buffer> r = await(reader.get("/v1/jobs/" + job).putHeader("Authorization", "Bearer " + gw.keyA).send());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET job: " + r.statusCode());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static Resp submit(String key, String upload) throws Exception {
    return RunningGateway.send(RunningGateway.auth(submitters.post("/v1/jobs"), key).putHeader("Content-Type", "application/json"),
        new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload)).toBuffer());
  }
}
