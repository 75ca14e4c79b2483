package dev.rayform.tools;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * What the fault-injection tests ask of a {@link LocalCluster}: the HTTP API (plain
 * java.net.http, so nothing of the test shares an event loop with the processes under test), the
 * jobs' events straight from PostgreSQL, and the workers' partition assignment from Kafka.
 */
final class ClusterApi {
  static final String GROUP = "rayform-workers";
  private final LocalCluster cluster;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();

  ClusterApi(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /** Status and body of one request. */
  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String errorCode() {
      try {
        return json().getJsonObject("error").getString("code");
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  Reply send(String method, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + cluster.apiKey);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
  }

  byte[] download(String path) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + cluster.apiKey).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  String upload(byte[] bytes, String contentType) throws Exception {
    Reply r = send("POST", "/v1/uploads", contentType, bytes);
    if (r.status() != 201) {
      throw new AssertionError("upload: " + r);
    }
    return r.json().getString("id");
  }

  Reply submit(String type, JsonObject input, JsonObject options) throws Exception {
    return send("POST", "/v1/jobs", "application/json",
        new JsonObject().put("type", type).put("input", input).put("options", options).encode().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Submits and insists on 202; the job id. While the tenant's quota of queued jobs is full (429
   * job_quota_exceeded: on a loaded machine the workers fall behind the submissions) it waits for a
   * job to finish and submits again, as a client should, for up to two minutes.
   */
  String submitOk(String type, JsonObject input, JsonObject options) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Reply r = submit(type, input, options);
    while (r.status() == 429 && r.body().contains("job_quota_exceeded") && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = submit(type, input, options);
    }
    if (r.status() != 202) {
      throw new AssertionError("submit: " + r);
    }
    return r.json().getString("id");
  }

  JsonObject job(String id) throws Exception {
    Reply r = send("GET", "/v1/jobs/" + id, null, null);
    if (r.status() != 200) {
      throw new AssertionError("GET job " + id + ": " + r);
    }
    return r.json();
  }

  /** Polls until every job is terminal (or the deadline passes); their last states by id. */
  Map<String, JsonObject> awaitTerminal(List<String> ids, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, JsonObject> last = new LinkedHashMap<>();
    while (true) {
      boolean all = true;
      for (String id : ids) {
        JsonObject prev = last.get(id);
        if (prev != null && prev.getString("status").matches("succeeded|failed|canceled")) {
          continue;
        }
        JsonObject j;
        try {
          j = job(id);
        } catch (AssertionError | java.io.IOException e) {
          all = false; // the gateway may be between answers (PostgreSQL restarting): ask again
          continue;
        }
        last.put(id, j);
        all &= j.getString("status").matches("succeeded|failed|canceled");
      }
      if (all) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not all jobs finished within " + timeout + ": " + summary(last.values()));
      }
      Thread.sleep(250);
    }
  }

  static Map<String, Integer> summary(java.util.Collection<JsonObject> jobs) {
    Map<String, Integer> counts = new TreeMap<>();
    jobs.forEach(j -> counts.merge(j.getString("status"), 1, Integer::sum));
    return counts;
  }

  /** Every artifact of the job listed by the API is complete: it downloads with the listed size and sha256. */
  List<String> verifiedArtifacts(String jobId) throws Exception {
    Reply r = send("GET", "/v1/jobs/" + jobId + "/artifacts", null, null);
    if (r.status() != 200) {
      throw new AssertionError("artifacts of " + jobId + ": " + r);
    }
    List<String> names = new ArrayList<>();
    for (Object o : r.json().getJsonArray("data", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      byte[] bytes = download("/v1/jobs/" + jobId + "/artifacts/" + a.getString("name"));
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (bytes.length != a.getLong("size") || !sha.equals(a.getString("sha256"))) {
        throw new AssertionError("artifact " + a.getString("name") + " of " + jobId + " is not what its listing says: " + bytes.length
            + " bytes, sha256 " + sha + " vs " + a);
      }
      names.add(a.getString("name"));
    }
    return names;
  }

  /** One event row of a job. */
  record Event(String jobId, long seq, String type, String message, JsonObject data, java.time.OffsetDateTime at) {}

  /** The events of these jobs from PostgreSQL, by job, in seq order. */
  Map<String, List<Event>> events(java.util.Collection<String> jobIds) throws Exception {
    Map<String, List<Event>> out = new LinkedHashMap<>();
    jobIds.forEach(id -> out.put(id, new ArrayList<>()));
    try (Connection c = db();
         PreparedStatement s = c.prepareStatement("select job_id, seq, type, message, data::text, at from job_events where job_id = any(?) order by job_id, seq")) {
      s.setArray(1, c.createArrayOf("text", jobIds.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.get(rs.getString(1)).add(new Event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getString(5) == null ? new JsonObject() : new JsonObject(rs.getString(5)), rs.getObject(6, java.time.OffsetDateTime.class)));
        }
      }
    }
    return out;
  }

  static long count(List<Event> events, String type) {
    return events.stream().filter(e -> e.type().equals(type)).count();
  }

  /** The workers named by a job's 'job.started' events ("attempt N on WORKER"), in order. */
  static List<String> startedOn(List<Event> events) {
    return events.stream().filter(e -> e.type().equals("job.started")).map(e -> e.message().replaceFirst("^attempt \\d+ on ", "")).toList();
  }

  Connection db() throws Exception {
    return DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "postgres");
  }

  /** A single-value query against the platform database. */
  Object queryOne(String sql, Object... args) throws Exception {
    try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  /** The partitions of {@code topic} each live member of the workers' group holds, by worker id. */
  Map<String, Set<Integer>> assignment(String topic) throws Exception {
    try (Admin admin = admin()) {
      ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      Map<String, Set<Integer>> out = new TreeMap<>();
      for (MemberDescription m : g.members()) {
        Set<Integer> parts = new java.util.TreeSet<>();
        for (TopicPartition tp : m.assignment().topicPartitions()) {
          if (tp.topic().equals(topic)) {
            parts.add(tp.partition());
          }
        }
        out.merge(m.clientId(), parts, (a, b) -> {
          a.addAll(b);
          return a;
        });
      }
      return out;
    }
  }

  int partitions(String topic) throws Exception {
    try (Admin admin = admin()) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
  }

  /** The partition the relay's producer picks for a job (key = job id, the default partitioner). */
  static int partitionOf(String jobId, int partitions) {
    return Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Polls {@code condition} until true; an exception counts as false and is reported if time runs out. */
  static void await(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
      }
      Thread.sleep(200);
    }
  }
}
