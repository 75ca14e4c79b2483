package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /metrics} in the Prometheus text format (Micrometer): jobs by type and status, the
 * mean run time of the jobs finished in the last hour by type, the outbox backlog (what Kafka has
 * not taken yet), the mean network-and-meshing time of recent reconstructions, and the gateway's
 * request latency by route. The database figures are refreshed every few seconds, not per scrape.
 */
final class MetricsHandler {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PlatformServices services;
  private final Map<String, AtomicLong> jobCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> durationsMs = new ConcurrentHashMap<>();
  private final AtomicLong outboxBacklog = new AtomicLong();
  private final AtomicLong inferenceMs = new AtomicLong();

  private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
  private final Vertx vertx;

  MetricsHandler(Vertx vertx, PlatformServices services) {
    this.vertx = vertx;
    this.services = services;
    for (JobType type : JobType.values()) {
      AtomicLong l = lag.computeIfAbsent(type.topic(), k -> new AtomicLong());
      Gauge.builder("rayform_kafka_consumer_lag", l, AtomicLong::get)
          .description("Job messages the workers have not consumed yet").tag("topic", type.topic()).register(registry);
    }
    for (JobType type : JobType.values()) {
      for (JobStatus status : JobStatus.values()) {
        AtomicLong n = jobCounts.computeIfAbsent(type.apiName() + "/" + status.apiName(), k -> new AtomicLong());
        Gauge.builder("rayform_jobs", n, AtomicLong::get).description("Jobs by type and status")
            .tags(Tags.of("type", type.apiName(), "status", status.apiName())).register(registry);
      }
      AtomicLong d = durationsMs.computeIfAbsent(type.apiName(), k -> new AtomicLong());
      Gauge.builder("rayform_job_run_seconds_mean", d, v -> v.get() / 1000.0)
          .description("Mean run time of the jobs finished in the last hour").tag("type", type.apiName()).register(registry);
    }
    Gauge.builder("rayform_outbox_backlog", outboxBacklog, AtomicLong::get)
        .description("Messages accepted but not yet published to Kafka").register(registry);
    Gauge.builder("rayform_inference_seconds_mean", inferenceMs, v -> v.get() / 1000.0)
        .description("Mean network and meshing time of the last 100 reconstructions").register(registry);
    refresh();
    vertx.setPeriodic(5000, id -> refresh());
    vertx.setPeriodic(10_000, id -> vertx.executeBlocking(this::measureLag, false));
  }

  /** Per job topic: latest offsets minus the workers' committed offsets (blocking admin calls). */
  private Void measureLag() {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
        "bootstrap.servers", services.config().kafkaBootstrapServers(), "request.timeout.ms", 3000, "default.api.timeout.ms", 5000))) {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets("rayform-workers").partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latestSpec = new java.util.HashMap<>();
      var descriptions = admin.describeTopics(lag.keySet()).allTopicNames().get(5, TimeUnit.SECONDS);
      descriptions.forEach((topic, d) -> d.partitions().forEach(p ->
          latestSpec.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest())));
      var latest = admin.listOffsets(latestSpec).all().get(5, TimeUnit.SECONDS);
      Map<String, Long> totals = new java.util.HashMap<>();
      latest.forEach((tp, info) -> {
        var c = committed.get(tp);
        totals.merge(tp.topic(), Math.max(0, info.offset() - (c == null ? 0 : c.offset())), Long::sum);
      });
      totals.forEach((topic, n) -> lag.get(topic).set(n));
    } catch (Exception e) {
      // Kafka unreachable: keep the last figures; /ready reports the outage.
    }
    return null;
  }

  private void refresh() {
    services.pool().query("select type, status, count(*) from jobs group by type, status").execute().onSuccess(rows -> {
      jobCounts.values().forEach(n -> n.set(0));
      for (Row r : rows) {
        AtomicLong n = jobCounts.get(r.getString(0) + "/" + r.getString(1));
        if (n != null) {
          n.set(r.getLong(2));
        }
      }
    });
    services.pool().query("select type, avg(extract(epoch from finished_at - started_at)) * 1000 from jobs "
        + "where finished_at > now() - interval '1 hour' and started_at is not null group by type").execute().onSuccess(rows -> {
          for (Row r : rows) {
            AtomicLong d = durationsMs.get(r.getString(0));
            if (d != null && r.getValue(1) != null) {
              d.set(Math.round(r.getNumeric(1).doubleValue()));
            }
          }
        });
    services.pool().query("select count(*) from outbox where published_at is null").execute()
        .onSuccess(rows -> outboxBacklog.set(rows.iterator().next().getLong(0)));
    services.pool().query("select coalesce(avg((result->>'network_and_meshing_ms')::float8), 0) from (select result from jobs "
        + "where type = 'reconstruct' and status = 'succeeded' order by finished_at desc limit 100) r").execute()
        .onSuccess(rows -> inferenceMs.set(Math.round(rows.iterator().next().getNumeric(0).doubleValue())));
  }

  /** Times every request by its route (the path template, not the raw path: bounded label values). */
  void time(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(v -> {
      String route = ctx.currentRoute() != null && ctx.currentRoute().getPath() != null ? ctx.currentRoute().getPath() : "unmatched";
      Timer.builder("rayform_http_requests").description("Gateway request latency")
          .tags("method", ctx.request().method().name(), "route", route, "status", String.valueOf(ctx.response().getStatusCode()))
          .publishPercentiles(0.5, 0.99).register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  void scrape(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }
}
