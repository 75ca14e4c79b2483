package dev.rayform.core.kafka;

import dev.rayform.core.PlatformServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to Kafka: rows due for publishing are locked (several relays may run; skip
 * locked keeps them apart), sent with an idempotent producer (acks=all), and each marked published in
 * the same transaction once its own send is acknowledged. When Kafka is down the sends fail, those rows
 * stay unpublished with their error recorded, and the next round tries again: an accepted job is never
 * lost, and runs once Kafka returns. Delivery is at least once (an acknowledgement lost on the way
 * back republishes its row); consumers dedupe by the job's state.
 */
public final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private final int batch;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public OutboxRelay(Vertx vertx, Pool pool, String bootstrapServers, int batch) {
    this.vertx = vertx;
    this.pool = pool;
    this.batch = batch;
    this.producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "enable.idempotence", "true",
        "acks", "all",
        "delivery.timeout.ms", "10000",
        "request.timeout.ms", "5000",
        "max.block.ms", "5000"));
  }

  /**
   * A relay over the platform's own database and Kafka ({@code services}' pool and bootstrap servers),
   * started: what a platform process runs, without handing the SQL pool outside core.
   */
  public static OutboxRelay start(Vertx vertx, PlatformServices services, int batch, long periodMillis) {
    return new OutboxRelay(vertx, services.pool(), services.config().kafkaBootstrapServers(), batch).start(periodMillis);
  }

  /** Relays every {@code periodMillis}; rounds never overlap. */
  public OutboxRelay start(long periodMillis) {
    timer = vertx.setPeriodic(periodMillis, id -> relayOnce());
    return this;
  }

  /** One round: publishes what is due; the number of rows published. */
  public Future<Integer> relayOnce() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return pool.withTransaction(this::publishDue)
        .onFailure(e -> LOG.warn("outbox relay round failed: {}", e.getMessage()))
        .eventually(() -> {
          running.set(false);
          return Future.succeededFuture();
        });
  }

  private Future<Integer> publishDue(SqlConnection c) {
    return c.preparedQuery("select id, topic, key, payload from outbox where published_at is null and available_at <= now() "
            + "order by id limit $1 for update skip locked")
        .execute(Tuple.of(batch))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          List<Future<?>> sends = new ArrayList<>();
          for (Row r : rows) {
            ids.add(r.getLong("id"));
            JsonObject payload = r.getJsonObject("payload");
            sends.add(producer.send(KafkaProducerRecord.create(r.getString("topic"), r.getString("key"), payload.encode())));
          }
          if (ids.isEmpty()) {
            return Future.succeededFuture(0);
          }
          // Each row stands on its own send: a row Kafka acknowledged is marked published even when another
          // row of the round failed, so the failed one's retry never republishes the ones that got through.
          return Future.join(sends).transform(done -> markOutcomes(c, ids, sends));
        });
  }

  private Future<Integer> markOutcomes(SqlConnection c, List<Long> ids, List<Future<?>> sends) {
    List<Long> published = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Future<?> send = sends.get(i);
      if (send.succeeded()) {
        published.add(ids.get(i));
      } else {
        failed.add(ids.get(i));
        errors.add(String.valueOf(send.cause().getMessage()));
      }
    }
    Future<Void> marked = published.isEmpty() ? Future.succeededFuture()
        : c.preparedQuery("update outbox set published_at = now() where id = any($1)")
            .execute(Tuple.of((Object) published.toArray(new Long[0]))).mapEmpty();
    if (failed.isEmpty()) {
      return marked.map(published.size());
    }
    // Kafka is unreachable or refused these: note it on the rows (kept unpublished) and try next round.
    LOG.warn("outbox: {} of {} messages not published yet: {}", failed.size(), ids.size(), errors.get(0));
    return marked.compose(v -> c.preparedQuery("update outbox set attempts = attempts + 1, last_error = u.error "
            + "from unnest($1::bigint[], $2::text[]) as u(id, error) where outbox.id = u.id")
        .execute(Tuple.of(failed.toArray(new Long[0]), (Object) errors.toArray(new String[0]))).map(published.size()));
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return producer.close();
  }
}
