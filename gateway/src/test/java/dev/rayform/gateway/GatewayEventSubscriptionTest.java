package dev.rayform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.gateway.events.EventSink;
import dev.rayform.gateway.events.EventSubscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Ordering, replay and the slow-client bound of one subscription, without a network. */
class GatewayEventSubscriptionTest {

  static final class ListSink implements EventSink {
    final List<JsonObject> frames = new ArrayList<>();
    boolean full;
    Runnable drain;
    Short closeCode;
    String closeReason;

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public void write(JsonObject frame) {
      frames.add(frame);
    }

    @Override
    public void onDrain(Runnable action) {
      drain = action;
    }

    @Override
    public void close(short code, String reason) {
      closeCode = code;
      closeReason = reason;
    }

    void drained() {
      full = false;
      Runnable r = drain;
      drain = null;
      r.run();
    }

    List<Long> seqs() {
      return frames.stream().filter(f -> f.containsKey("seq")).map(f -> f.getLong("seq")).toList();
    }
  }

  static JsonObject event(String job, long seq) {
    return new JsonObject().put("jobId", job).put("seq", seq).put("type", "job.progress");
  }

  @Test
  void replayThenLiveInOrderWithoutDuplicates() {
    ListSink sink = new ListSink();
    Promise<List<JsonObject>> history = Promise.promise();
    List<Long> asked = new ArrayList<>();
    EventSubscription sub = new EventSubscription("job_1", sink, (job, after, limit) -> {
      asked.add(after);
      return asked.size() == 1 ? history.future() : Future.succeededFuture(List.of());
    }, 100);
    sub.replayFrom(1);
    sub.onLive(event("job_1", 4));
    sub.onLive(event("job_1", 3));
    sub.onLive(event("job_2", 9)); // another job: filtered out
    history.complete(List.of(event("job_1", 2), event("job_1", 3)));
    sub.onLive(event("job_1", 4)); // a duplicate from a relay that published twice
    sub.onLive(event("job_1", 5));
    assertThat(sink.seqs()).containsExactly(2L, 3L, 4L, 5L);
    assertThat(asked).containsExactly(1L);
  }

  @Test
  void aSkippedSeqIsFilledFromHistory() {
    ListSink sink = new ListSink();
    EventSubscription sub = new EventSubscription("job_1", sink,
        (job, after, limit) -> Future.succeededFuture(LongStream.rangeClosed(after + 1, 6).mapToObj(s -> event("job_1", s)).toList()), 100);
    sub.onLive(event("job_1", 1));
    sub.onLive(event("job_1", 4)); // 2 and 3 never came over Kafka
    sub.onLive(event("job_1", 7));
    assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void aClientThatFallsBehindTheBoundIsClosedAndHeldNothing() {
    ListSink sink = new ListSink();
    EventSubscription sub = new EventSubscription(null, sink, (job, after, limit) -> Future.succeededFuture(List.of()), 3);
    sub.onLive(event("job_1", 1));
    sink.full = true;
    for (long s = 2; s <= 4; s++) {
      sub.onLive(event("job_1", s));
    }
    assertThat(sub.isClosed()).isFalse();
    sink.drained();
    assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L);
    sink.full = true;
    for (long s = 5; s <= 9; s++) {
      sub.onLive(event("job_1", s));
    }
    assertThat(sub.isClosed()).isTrue();
    assertThat(sink.closeCode).isEqualTo(EventSubscription.TOO_SLOW);
    assertThat(sink.closeReason).contains("too slow");
    assertThat(sink.frames.get(sink.frames.size() - 1).getJsonObject("error").getString("code")).isEqualTo("slow_consumer");
    int before = sink.frames.size();
    sub.onLive(event("job_1", 10));
    assertThat(sink.frames).hasSize(before);
  }

  @Test
  void longReplaysArePagedAsTheClientDrains() {
    ListSink sink = new ListSink();
    List<Long> asked = new ArrayList<>();
    EventSubscription sub = new EventSubscription("job_1", sink, (job, after, limit) -> {
      asked.add(after);
      long to = Math.min(after + limit, 12);
      return Future.succeededFuture(LongStream.rangeClosed(after + 1, to).mapToObj(s -> event("job_1", s)).toList());
    }, 4);
    sink.full = true;
    sub.replayFrom(0);
    assertThat(asked).containsExactly(0L);
    sink.drained(); // the rest of the history follows page by page while the client keeps up
    assertThat(asked).containsExactly(0L, 4L, 8L, 12L);
    assertThat(sink.seqs()).containsExactly(LongStream.rangeClosed(1, 12).boxed().toArray(Long[]::new));
    assertThat(sub.isClosed()).isFalse();
  }
}
