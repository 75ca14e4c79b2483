package dev.rayform.gateway.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's view of its tenant's job events, confined to one event loop.
 *
 * <p>With a job filter, events go out in seq order without gaps or duplicates: a replay from the
 * database after {@code since} comes first, live events that arrive meanwhile wait in order, and a
 * live event that skips a seq (one missed on Kafka) triggers another catch-up from the database,
 * which always has every published event (they share the outbox transaction). Without a filter,
 * live events are forwarded, duplicates (a relay that published twice) dropped.
 *
 * <p>Writes beyond what the transport takes wait in a queue of at most {@code bound} events; a
 * client that falls further behind is closed (1013, "try again later"), so it cannot stall others
 * or grow memory: it reconnects with {@code since}.
 */
public final class EventSubscription {
  /** Close code for a client that could not keep up. */
  public static final short TOO_SLOW = 1013;

  /** Loads stored events of a job after a seq, in seq order. */
  public interface History {
    Future<List<JsonObject>> after(String jobId, long seq, int limit);
  }

  private final String job;
  private final EventSink sink;
  private final History history;
  private final int bound;
  private final int page;
  private final ArrayDeque<JsonObject> queue = new ArrayDeque<>();
  private final TreeMap<Long, JsonObject> pending = new TreeMap<>();
  private final Map<String, Long> lastSeqByJob = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > 10_000;
    }
  };
  private long last = -1;
  private boolean catchingUp;
  private boolean draining;
  private boolean closed;
  /** Runs once the queue is empty again (the next page of a long replay). */
  private Runnable afterDrain;

  /**
   * @param job only this job's events, or null for all of the tenant's
   * @param bound most events waiting for the transport before the client is dropped
   */
  public EventSubscription(String job, EventSink sink, History history, int bound) {
    this.job = job;
    this.sink = sink;
    this.history = history;
    this.bound = Math.max(1, bound);
    this.page = Math.max(1, Math.min(500, bound));
  }

  /** Starts with a replay of the job's events after {@code since} (requires a job filter). */
  public void replayFrom(long since) {
    if (job == null) {
      throw new IllegalStateException("since needs a job");
    }
    last = since;
    catchUp();
  }

  /** A live event (the JobEvent JSON) of the subscriber's tenant. */
  public void onLive(JsonObject event) {
    if (closed) {
      return;
    }
    String jobId = event.getString("jobId");
    long seq = event.getLong("seq", 0L);
    if (job == null) {
      Long seen = lastSeqByJob.get(jobId);
      if (seen == null || seq > seen) {
        lastSeqByJob.put(jobId, seq);
        emit(event);
      }
      return;
    }
    if (!job.equals(jobId)) {
      return;
    }
    if (catchingUp) {
      pending.put(seq, event);
      if (pending.size() > bound) {
        tooSlow();
      }
      return;
    }
    if (last < 0) {
      last = seq - 1; // no since: the first live event sets the baseline
    }
    if (seq == last + 1) {
      last = seq;
      emit(event);
    } else if (seq > last + 1) {
      pending.put(seq, event);
      catchUp();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Closes the client with an Error frame first (e.g. 1001 at shutdown). */
  public void close(short code, String errorCode, String message) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    pending.clear();
    sink.write(error(errorCode, message));
    sink.close(code, message.length() > 120 ? message.substring(0, 120) : message);
  }

  /** The client went away on its own. */
  public void closed() {
    closed = true;
    queue.clear();
    pending.clear();
  }

  private void catchUp() {
    catchingUp = true;
    history.after(job, last, page).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        close((short) 1011, "unavailable", "event history unavailable; reconnect with since=" + Math.max(0, last));
        return;
      }
      List<JsonObject> events = ar.result();
      for (JsonObject e : events) {
        long seq = e.getLong("seq");
        if (seq > last) {
          last = seq;
          emit(e);
        }
      }
      if (closed) {
        return;
      }
      if (events.size() == page) {
        whenDrained(this::catchUp); // more history: fetch it as the client takes it
        return;
      }
      catchingUp = false;
      flushPending(events.isEmpty());
    });
  }

  private void flushPending(boolean historyHadNothing) {
    while (!pending.isEmpty() && !closed) {
      Map.Entry<Long, JsonObject> first = pending.firstEntry();
      long seq = first.getKey();
      if (seq <= last) {
        pending.pollFirstEntry();
      } else if (seq == last + 1 || historyHadNothing) {
        // historyHadNothing: the store has no more, so a gap is real (it cannot be filled): go on.
        pending.pollFirstEntry();
        last = seq;
        emit(first.getValue());
      } else {
        catchUp();
        return;
      }
    }
  }

  private void emit(JsonObject event) {
    if (closed) {
      return;
    }
    if (queue.isEmpty() && !sink.writeQueueFull()) {
      sink.write(event);
      return;
    }
    queue.add(event);
    if (queue.size() > bound) {
      tooSlow();
      return;
    }
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (!draining) {
      draining = true;
      sink.onDrain(this::drain);
    }
  }

  private void drain() {
    draining = false;
    while (!queue.isEmpty() && !closed) {
      if (sink.writeQueueFull()) {
        scheduleDrain();
        return;
      }
      sink.write(queue.poll());
    }
    if (queue.isEmpty() && afterDrain != null) {
      Runnable r = afterDrain;
      afterDrain = null;
      r.run();
    }
  }

  private void whenDrained(Runnable action) {
    if (queue.isEmpty() && !sink.writeQueueFull()) {
      action.run();
    } else {
      afterDrain = action;
      scheduleDrain();
    }
  }

  private void tooSlow() {
    String since = job == null ? "" : " since=" + Math.max(0, last - queue.size());
    close(TOO_SLOW, "slow_consumer", "too slow: over " + bound + " events waiting; reconnect with" + (since.isEmpty() ? " job= and since=" : since));
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }
}
