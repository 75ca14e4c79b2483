package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.Topics;
import dev.rayform.core.metrics.PlatformFigures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
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
  private final KafkaAdminClient admin;

  MetricsHandler(Vertx vertx, PlatformServices services, KafkaAdminClient admin) {
    this.services = services;
    this.admin = admin;
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
    vertx.setPeriodic(10_000, id -> measureLag());
  }

  /**
   * Per job topic: the latest offsets minus the workers' committed offsets, through the gateway's
   * one admin client (non-blocking). Kafka unreachable: the last figures stay; /ready reports the outage.
   */
  private void measureLag() {
    admin.listConsumerGroupOffsets(Topics.WORKER_GROUP).compose(committed -> {
      Map<String, Long> done = new HashMap<>();
      committed.forEach((tp, offset) -> done.put(tp.getTopic() + "/" + tp.getPartition(), offset.getOffset()));
      return admin.describeTopics(List.copyOf(lag.keySet())).compose(topics -> {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach((topic, d) -> d.getPartitions().forEach(p -> latest.put(new TopicPartition(topic, p.getPartition()), OffsetSpec.LATEST)));
        return admin.listOffsets(latest);
      }).map(latest -> {
        Map<String, Long> totals = new HashMap<>();
        latest.forEach((tp, info) -> totals.merge(tp.getTopic(),
            Math.max(0, info.getOffset() - done.getOrDefault(tp.getTopic() + "/" + tp.getPartition(), 0L)), Long::sum));
        return totals;
      });
    }).onSuccess(totals -> totals.forEach((topic, n) -> {
      AtomicLong l = lag.get(topic);
      if (l != null) {
        l.set(n);
      }
    }));
  }

  private void refresh() {
    PlatformFigures figures = services.figures();
    figures.jobsByTypeAndStatus().onSuccess(counts -> jobCounts.forEach((key, n) -> n.set(counts.getOrDefault(key, 0L))));
    figures.meanRunMillisLastHour().onSuccess(means -> means.forEach((type, ms) -> {
      AtomicLong d = durationsMs.get(type);
      if (d != null) {
        d.set(Math.round(ms));
      }
    }));
    figures.outboxBacklog().onSuccess(outboxBacklog::set);
    figures.meanInferenceMillis(100).onSuccess(ms -> inferenceMs.set(Math.round(ms)));
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
