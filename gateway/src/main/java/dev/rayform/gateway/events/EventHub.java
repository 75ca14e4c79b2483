package dev.rayform.gateway.events;

import dev.rayform.core.job.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live job events for this gateway instance: one Kafka consumer on {@code rayform.events} in a
 * consumer group of its own (so every instance sees every event), starting at the latest offset,
 * fanning each event out to the subscriptions of the event's tenant. Confined to the event loop of
 * the verticle that created it.
 */
public final class EventHub {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

  private final Vertx vertx;
  private final String bootstrapServers;
  private final Map<String, Set<EventSubscription>> byTenant = new HashMap<>();
  private KafkaConsumer<String, String> consumer;

  public EventHub(Vertx vertx, String bootstrapServers) {
    this.vertx = vertx;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Subscribes; completes once partitions are assigned and positioned at their end (so an event
   * published after this is seen), or after {@code waitMillis} regardless, with a warning.
   */
  public Future<Void> start(long waitMillis) {
    Map<String, String> config = Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", "rayform-gateway-" + UUID.randomUUID(),
        "auto.offset.reset", "latest",
        "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    consumer = KafkaConsumer.create(vertx, config);
    Promise<Void> assigned = Promise.promise();
    consumer.partitionsAssignedHandler(partitions -> {
      List<Future<Long>> positions = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        positions.add(consumer.position(tp));
      }
      Future.all(positions).onComplete(x -> assigned.tryComplete());
    });
    consumer.exceptionHandler(e -> LOG.warn("event consumer: {}", e.getMessage()));
    consumer.handler(this::dispatch);
    long timer = vertx.setTimer(waitMillis, t -> {
      if (assigned.tryComplete()) {
        LOG.warn("no partitions of {} assigned after {} ms; live events start when Kafka answers", Topics.EVENTS, waitMillis);
      }
    });
    return consumer.subscribe(Topics.EVENTS).compose(v -> assigned.future()).onComplete(x -> vertx.cancelTimer(timer));
  }

  public void register(String tenant, EventSubscription s) {
    byTenant.computeIfAbsent(tenant, t -> new LinkedHashSet<>()).add(s);
  }

  public void unregister(String tenant, EventSubscription s) {
    Set<EventSubscription> subs = byTenant.get(tenant);
    if (subs != null && subs.remove(s) && subs.isEmpty()) {
      byTenant.remove(tenant);
    }
  }

  /** Subscriptions open now (for tests and metrics). */
  public int size() {
    return byTenant.values().stream().mapToInt(Set::size).sum();
  }

  private void dispatch(KafkaConsumerRecord<String, String> record) {
    JsonObject event;
    try {
      event = new JsonObject(record.value());
    } catch (DecodeException | NullPointerException e) {
      LOG.warn("skipping an unreadable event at {}-{}@{}", record.topic(), record.partition(), record.offset());
      return;
    }
    Object tenant = event.remove("tenantId");
    Set<EventSubscription> subs = tenant == null ? null : byTenant.get(tenant.toString());
    if (subs == null) {
      return;
    }
    for (EventSubscription s : List.copyOf(subs)) {
      s.onLive(event);
    }
  }

  /** Closes every subscription (1001, server shutdown) and the consumer. */
  public Future<Void> stop() {
    for (Set<EventSubscription> subs : List.copyOf(byTenant.values())) {
      for (EventSubscription s : List.copyOf(subs)) {
        s.close((short) 1001, "shutting_down", "server shutting down; reconnect with since=");
      }
    }
    byTenant.clear();
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }
}
