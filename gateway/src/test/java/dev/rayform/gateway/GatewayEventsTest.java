package dev.rayform.gateway;

import static dev.rayform.gateway.RunningGateway.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The events websocket over the real outbox relay and Kafka. */
class GatewayEventsTest {
  static RunningGateway gw;
  /** Kept in a field: an unreferenced client can be collected mid-handshake (vert.x#5839). */
  static WebSocketClient wsClient;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start(GatewayOptions.defaults());
    wsClient = gw.vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (wsClient != null) {
      await(wsClient.close());
    }
    if (gw != null) {
      gw.close();
    }
  }

  /** An open socket and what it received. */
  record Socket(WebSocket ws, List<JsonObject> frames) {
    List<Long> seqsOf(String job) {
      return frames.stream().filter(f -> job.equals(f.getString("jobId"))).map(f -> f.getLong("seq")).toList();
    }
  }

  Future<Socket> connect(String uri, String key) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gw.port()).setURI(uri);
    if (key != null) {
      o.addHeader("Authorization", "Bearer " + key);
    }
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    return wsClient.connect(o).map(ws -> {
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      return new Socket(ws, frames);
    });
  }

  static void waitFor(Socket s, Predicate<Socket> done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!done.test(s) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(done.test(s)).as("frames so far: %s", s.frames()).isTrue();
  }

  @Test
  void eventsOfASubmittedAndCanceledJobArriveInOrderAndResumeWithSince() throws Exception {
    Socket all = await(connect("/v1/events", gw.keyA));
    Socket other = await(connect("/v1/events?access_token=" + gw.keyB, null));
    String job = gw.submitReconstruct(gw.keyA).getString("id");
    assertThat(gw.postJson(gw.keyA, "/v1/jobs/" + job + "/cancel", null).status()).isEqualTo(202);

    waitFor(all, s -> s.seqsOf(job).size() >= 2);
    assertThat(all.seqsOf(job)).containsExactly(1L, 2L);
    assertThat(all.frames().stream().filter(f -> job.equals(f.getString("jobId"))).map(f -> f.getString("type")))
        .containsExactly("job.queued", "job.canceled");
    JsonObject canceled = all.frames().get(all.frames().size() - 1);
    assertThat(canceled.getString("status")).isEqualTo("canceled");
    assertThat(canceled.containsKey("tenantId")).isFalse();
    assertThat(canceled.getString("at")).isNotNull();

    Socket whole = await(connect("/v1/events?job=" + job + "&since=0", gw.keyA));
    waitFor(whole, s -> s.seqsOf(job).size() >= 2);
    Socket resumed = await(connect("/v1/events?job=" + job + "&since=1", gw.keyA));
    waitFor(resumed, s -> !s.frames().isEmpty());
    Thread.sleep(300);
    assertThat(whole.seqsOf(job)).containsExactly(1L, 2L);
    assertThat(resumed.seqsOf(job)).containsExactly(2L);
    assertThat(other.seqsOf(job)).as("tenant B sees nothing of A's job").isEmpty();

    // A filtered socket without since, then live events of that job only.
    String second = gw.submitReconstruct(gw.keyA).getString("id");
    Socket filtered = await(connect("/v1/events?job=" + second + "&since=0", gw.keyA));
    String third = gw.submitReconstruct(gw.keyA).getString("id");
    assertThat(gw.postJson(gw.keyA, "/v1/jobs/" + second + "/cancel", null).status()).isEqualTo(202);
    waitFor(filtered, s -> s.seqsOf(second).size() >= 2);
    waitFor(all, s -> s.seqsOf(third).size() >= 1);
    Thread.sleep(200);
    assertThat(filtered.seqsOf(second)).containsExactly(1L, 2L);
    assertThat(filtered.frames()).allSatisfy(f -> assertThat(f.getString("jobId")).isEqualTo(second));
    for (Socket s : List.of(all, other, whole, resumed, filtered)) {
      await(s.ws().close());
    }
  }

  @Test
  void upgradesAreRefusedForBadKeysParametersAndOtherTenantsJobs() throws Exception {
    String job = gw.submitReconstruct(gw.keyA).getString("id");
    assertThat(rejection("/v1/events", null)).isEqualTo(401);
    assertThat(rejection("/v1/events?access_token=wrong", null)).isEqualTo(401);
    assertThat(rejection("/v1/events?since=3", gw.keyA)).isEqualTo(400);
    assertThat(rejection("/v1/events?job=" + job + "&since=-1", gw.keyA)).isEqualTo(400);
    assertThat(rejection("/v1/events?job=" + job + "&since=0", gw.keyB)).isEqualTo(404);
    assertThat(rejection("/v1/events?job=job_nope", gw.keyA)).isEqualTo(404);
    RunningGateway.Resp plain = gw.get(gw.keyA, "/v1/events");
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.errorCode()).isEqualTo("bad_request");
  }

  int rejection(String uri, String key) throws Exception {
    try {
      Socket s = await(connect(uri, key));
      await(s.ws().close());
      return 101;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      return ((UpgradeRejectedException) e.getCause()).getStatus();
    }
  }
}
