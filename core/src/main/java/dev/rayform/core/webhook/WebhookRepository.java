package dev.rayform.core.webhook;

import dev.rayform.core.job.Ids;
import dev.rayform.core.job.JobEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Webhook endpoints and their delivery log, durable in PostgreSQL. A job event queues one pending
 * attempt per matching endpoint in the event's own transaction ({@link #enqueueJobEvent}); the
 * dispatcher claims due attempts with a lease ({@link #claimDue}), and records each outcome
 * ({@link #record}): a failed attempt queues the next one after its backoff, the last failed attempt
 * counts against the endpoint, and enough consecutive failed deliveries disable it and queue a
 * {@code webhook.disabled} event to the tenant's other endpoints.
 */
public final class WebhookRepository {
  /** What an endpoint receives when it names no events. */
  public static final List<String> DEFAULT_EVENTS = List.of("job.succeeded", "job.failed", "job.canceled");
  /** Sent to a tenant's other endpoints when one is disabled for its failures. */
  public static final String DISABLED_EVENT = "webhook.disabled";

  private static final String WEBHOOK_COLUMNS =
      "id, tenant_id, url, events, job_id, enabled, failure_count, created_at, disabled_at, disabled_reason";
  private static final String DELIVERY_COLUMNS = "id, webhook_id, message_id, job_id, seq, event_type, attempt, status, "
      + "response_code, response_body, error, duration_ms, next_attempt_at, delivered_at, created_at, redelivery";

  private final Pool pool;

  public WebhookRepository(Pool pool) {
    this.pool = pool;
  }

  /** An attempt's effect on its endpoint: {@code disabled} is the endpoint when this attempt disabled it. */
  public record Outcome(boolean recorded, Webhook disabled) {}

  public Future<Webhook> create(String tenantId, String url, List<String> events, String secret) {
    return insert(pool, tenantId, url, events, secret, null);
  }

  /** Inserts an endpoint with the caller's client (a job's webhook goes in with the job, in its transaction). */
  public static Future<Webhook> insert(SqlClient c, String tenantId, String url, List<String> events, String secret, String jobId) {
    return c.preparedQuery("insert into webhooks (id, tenant_id, url, events, secret, job_id) values ($1, $2, $3, $4, $5, $6) "
            + "returning " + WEBHOOK_COLUMNS)
        .execute(Tuple.from(Arrays.asList(Ids.next("wh"), tenantId, url, events.toArray(String[]::new), secret, jobId)))
        .map(rows -> toWebhook(rows.iterator().next()));
  }

  /** The tenant's endpoints, newest first; {@code cursor} is the last id of the previous page. */
  public Future<List<Webhook>> list(String tenantId, int limit, String cursor) {
    String sql = "select " + WEBHOOK_COLUMNS + " from webhooks where tenant_id = $1"
        + (cursor == null ? "" : " and (created_at, id) < (select created_at, id from webhooks where id = $3 and tenant_id = $1)")
        + " order by created_at desc, id desc limit $2";
    Tuple args = cursor == null ? Tuple.of(tenantId, limit) : Tuple.of(tenantId, limit, cursor);
    return pool.preparedQuery(sql).execute(args).map(WebhookRepository::toWebhooks);
  }

  public Future<Optional<Webhook>> get(String tenantId, String id) {
    return pool.preparedQuery("select " + WEBHOOK_COLUMNS + " from webhooks where tenant_id = $1 and id = $2")
        .execute(Tuple.of(tenantId, id)).map(rows -> first(rows).map(WebhookRepository::toWebhook));
  }

  /** Deletes the endpoint and its delivery log; false when the tenant has no such endpoint. */
  public Future<Boolean> delete(String tenantId, String id) {
    return pool.preparedQuery("delete from webhooks where tenant_id = $1 and id = $2")
        .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() > 0);
  }

  /** Replaces the secret; the old one keeps signing alongside for {@code overlap}. */
  public Future<Optional<Webhook>> rotateSecret(String tenantId, String id, String newSecret, Duration overlap) {
    return pool.preparedQuery("update webhooks set previous_secret = secret, secret = $3, "
            + "previous_secret_expires_at = now() + $4 * interval '1 millisecond' where tenant_id = $1 and id = $2 returning "
            + WEBHOOK_COLUMNS)
        .execute(Tuple.of(tenantId, id, newSecret, overlap.toMillis()))
        .map(rows -> first(rows).map(WebhookRepository::toWebhook));
  }

  /** A page of an endpoint's attempts, newest first, optionally of one status. */
  public Future<List<Delivery>> deliveries(String tenantId, String webhookId, String status, int limit, String cursor) {
    StringBuilder sql = new StringBuilder("select " + DELIVERY_COLUMNS + " from webhook_deliveries where tenant_id = $1 and webhook_id = $2");
    List<Object> args = new ArrayList<>(List.of(tenantId, webhookId));
    if (status != null) {
      args.add(status);
      sql.append(" and status = $").append(args.size());
    }
    if (cursor != null) {
      args.add(cursor);
      sql.append(" and (created_at, id) < (select created_at, id from webhook_deliveries where id = $").append(args.size())
          .append(" and tenant_id = $1)");
    }
    args.add(limit);
    sql.append(" order by created_at desc, id desc limit $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<Delivery> out = new ArrayList<>();
      rows.forEach(r -> out.add(toDelivery(r)));
      return out;
    });
  }

  /**
   * Queues a new attempt of a delivery's message, due now: same message id (receivers deduplicate on
   * it), sent even to a disabled endpoint, not retried. Empty when the tenant has no such delivery.
   */
  public Future<Optional<Delivery>> redeliver(String tenantId, String webhookId, String deliveryId) {
    return pool.preparedQuery("insert into webhook_deliveries (id, webhook_id, tenant_id, job_id, seq, message_id, attempt, "
            + "next_attempt_at, event_type, payload, redelivery) "
            + "select $4, d.webhook_id, d.tenant_id, d.job_id, d.seq, d.message_id, "
            + "(select max(x.attempt) from webhook_deliveries x where x.webhook_id = d.webhook_id and x.message_id = d.message_id) + 1, "
            + "now(), d.event_type, d.payload, true from webhook_deliveries d "
            + "where d.tenant_id = $1 and d.webhook_id = $2 and d.id = $3 returning " + DELIVERY_COLUMNS)
        .execute(Tuple.of(tenantId, webhookId, deliveryId, Ids.next("dlv")))
        .map(rows -> first(rows).map(WebhookRepository::toDelivery));
  }

  /**
   * Queues the event for every enabled endpoint of its tenant that takes its type: the tenant's own
   * endpoints, the job's, and, for a catalogue item, its catalogue's. Runs in the event's transaction.
   */
  public static Future<Void> enqueueJobEvent(SqlClient c, JobEvent e, String parentId) {
    JsonObject data = e.toJson().put("parentId", parentId);
    JsonObject payload = new JsonObject().put("type", e.type()).put("timestamp", data.getString("at")).put("data", data);
    return c.preparedQuery("insert into webhook_deliveries (id, webhook_id, tenant_id, job_id, seq, message_id, attempt, "
            + "next_attempt_at, event_type, payload) "
            + "select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), w.id, w.tenant_id, $2, $3, $4, 1, now(), $5, $6 "
            + "from webhooks w where w.tenant_id = $1 and w.enabled and (w.job_id is null or w.job_id = $2 or w.job_id = $7) "
            + "and ($5 = any(w.events) or '*' = any(w.events))")
        .execute(Tuple.from(Arrays.asList(e.tenantId(), e.jobId(), e.seq(), "msg_" + e.jobId() + "_" + e.seq(), e.type(), payload,
            parentId)))
        .mapEmpty();
  }

  /**
   * Claims up to {@code limit} due attempts: each becomes invisible to other dispatchers for
   * {@code lease} (if this process dies mid-send, the attempt is due again after it).
   */
  public Future<List<DueDelivery>> claimDue(int limit, Duration lease) {
    return pool.preparedQuery("with due as (select id from webhook_deliveries where status = 'pending' and next_attempt_at <= now() "
            + "order by next_attempt_at limit $1 for update skip locked) "
            + "update webhook_deliveries d set next_attempt_at = now() + $2 * interval '1 millisecond' from due, webhooks w "
            + "where d.id = due.id and w.id = d.webhook_id returning d.id, d.webhook_id, d.tenant_id, d.message_id, d.attempt, "
            + "d.event_type, d.payload, d.redelivery, w.url, w.secret, "
            + "case when w.previous_secret_expires_at > now() then w.previous_secret end as previous_secret, w.enabled")
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(rows -> {
          List<DueDelivery> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new DueDelivery(r.getString("id"), r.getString("webhook_id"), r.getString("tenant_id"), r.getString("message_id"),
                r.getInteger("attempt"), r.getString("event_type"), r.getJsonObject("payload"), r.getBoolean("redelivery"),
                r.getString("url"), r.getString("secret"), r.getString("previous_secret"), r.getBoolean("enabled")));
          }
          return out;
        });
  }

  /**
   * Records an attempt. A failure with {@code retryIn} queues the next attempt after it; a failure
   * without (the last of a delivery) counts against the endpoint, which is disabled once
   * {@code disableAfter} deliveries in a row failed. Not recorded when the attempt is no longer
   * pending (another dispatcher took it over after the lease).
   */
  public Future<Outcome> record(DueDelivery d, AttemptResult r, Duration retryIn, int disableAfter) {
    Long retryMs = r.succeeded() || retryIn == null ? null : retryIn.toMillis();
    String status = r.succeeded() ? "succeeded" : "failed";
    return pool.withTransaction(c -> c.preparedQuery("update webhook_deliveries set status = $2, response_code = $3, "
            + "response_body = $4, error = $5, duration_ms = $6, delivered_at = case when $2 = 'succeeded' then now() end, "
            + "next_attempt_at = now() + $7::bigint * interval '1 millisecond' where id = $1 and status = 'pending'")
        .execute(Tuple.from(Arrays.asList(d.id(), status, r.responseCode(), r.responseBody(), r.error(), r.durationMs(), retryMs)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(new Outcome(false, null));
          }
          if (r.succeeded()) {
            return c.preparedQuery("update webhooks set failure_count = 0 where id = $1 and failure_count <> 0")
                .execute(Tuple.of(d.webhookId())).map(x -> new Outcome(true, null));
          }
          if (retryMs != null) {
            return c.preparedQuery("insert into webhook_deliveries (id, webhook_id, tenant_id, job_id, seq, message_id, attempt, "
                    + "next_attempt_at, event_type, payload) select $2, webhook_id, tenant_id, job_id, seq, message_id, attempt + 1, "
                    + "now() + $3 * interval '1 millisecond', event_type, payload from webhook_deliveries where id = $1")
                .execute(Tuple.of(d.id(), Ids.next("dlv"), retryMs)).map(x -> new Outcome(true, null));
          }
          if (d.redelivery() || !d.webhookEnabled()) {
            return Future.succeededFuture(new Outcome(true, null));
          }
          return countFailure(c, d, disableAfter).map(disabled -> new Outcome(true, disabled));
        }));
  }

  private static Future<Webhook> countFailure(SqlClient c, DueDelivery d, int disableAfter) {
    String reason = "the last " + disableAfter + " deliveries failed on every attempt";
    return c.preparedQuery("update webhooks set failure_count = failure_count + 1, "
            + "enabled = enabled and failure_count + 1 < $2, "
            + "disabled_at = case when enabled and failure_count + 1 >= $2 then now() else disabled_at end, "
            + "disabled_reason = case when enabled and failure_count + 1 >= $2 then $3 else disabled_reason end "
            + "where id = $1 returning " + WEBHOOK_COLUMNS + ", (not enabled and disabled_at = now()) as just_disabled")
        .execute(Tuple.of(d.webhookId(), disableAfter, reason))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("just_disabled")) {
            return Future.succeededFuture(null);
          }
          Webhook w = toWebhook(row);
          return c.preparedQuery("update webhook_deliveries set status = 'failed', error = 'webhook_disabled', next_attempt_at = null "
                  + "where webhook_id = $1 and status = 'pending' and not redelivery")
              .execute(Tuple.of(w.id()))
              .compose(x -> enqueueDisabled(c, w))
              .map(w);
        });
  }

  /** Tells the tenant's other endpoints (those taking {@code webhook.disabled} or everything) that one was disabled. */
  private static Future<Void> enqueueDisabled(SqlClient c, Webhook w) {
    String at = w.disabledAt().toString();
    JsonObject data = new JsonObject().put("webhookId", w.id()).put("url", w.url()).put("reason", w.disabledReason())
        .put("failureCount", w.failureCount()).put("disabledAt", at);
    JsonObject payload = new JsonObject().put("type", DISABLED_EVENT).put("timestamp", at).put("data", data);
    return c.preparedQuery("insert into webhook_deliveries (id, webhook_id, tenant_id, message_id, attempt, next_attempt_at, "
            + "event_type, payload) select 'dlv_' || replace(gen_random_uuid()::text, '-', ''), id, tenant_id, $3, 1, now(), $4, $5 "
            + "from webhooks where tenant_id = $1 and id <> $2 and enabled and job_id is null and ($4 = any(events) or '*' = any(events))")
        .execute(Tuple.of(w.tenantId(), w.id(), Ids.next("msg"), DISABLED_EVENT, payload))
        .mapEmpty();
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }

  private static List<Webhook> toWebhooks(RowSet<Row> rows) {
    List<Webhook> out = new ArrayList<>();
    rows.forEach(r -> out.add(toWebhook(r)));
    return out;
  }

  private static Webhook toWebhook(Row r) {
    return new Webhook(r.getString("id"), r.getString("tenant_id"), r.getString("url"), List.of(r.getArrayOfStrings("events")),
        r.getString("job_id"), r.getBoolean("enabled"), r.getInteger("failure_count"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("disabled_at"), r.getString("disabled_reason"));
  }

  private static Delivery toDelivery(Row r) {
    return new Delivery(r.getString("id"), r.getString("webhook_id"), r.getString("message_id"), r.getString("job_id"),
        r.getLong("seq"), r.getString("event_type"), r.getInteger("attempt"), r.getString("status"), r.getInteger("response_code"),
        r.getString("response_body"), r.getString("error"), r.getInteger("duration_ms"), time(r, "next_attempt_at"),
        time(r, "delivered_at"), r.getOffsetDateTime("created_at"), r.getBoolean("redelivery"));
  }

  private static OffsetDateTime time(Row r, String column) {
    return r.getOffsetDateTime(column);
  }
}
