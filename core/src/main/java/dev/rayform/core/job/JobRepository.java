package dev.rayform.core.job;

import dev.rayform.core.PlatformException;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.webhook.WebhookRepository;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
 * Jobs in PostgreSQL, with the guarantees of DESIGN.md's job flow: a submission stores the job, its
 * first event and an outbox row in one transaction (so an accepted job is never lost, Kafka or not);
 * a worker claims a job with a lease it renews by heartbeat, and only the lease holder can finish
 * it, so a job finished once is never finished twice; every state change appends an event with the
 * job's next sequence number and queues it for the event topic through the same outbox.
 */
public final class JobRepository {
  private static final String COLUMNS = "id, tenant_id, type, status, input, options, parent_id, attempts, max_attempts, "
      + "cancel_requested, progress, stage, error_code, error_message, result, created_at, started_at, finished_at";
  /**
   * A catalog job's items counted by status, computed where the job is read (the API's {@code items}):
   * always the children's state in the database, whichever attempt finished them. Null for other types.
   */
  private static final String ITEM_COUNTS = "case when type = 'catalog' then (select json_build_object('total', count(*), "
      + "'queued', count(*) filter (where c.status = 'queued'), 'running', count(*) filter (where c.status = 'running'), "
      + "'succeeded', count(*) filter (where c.status = 'succeeded'), 'failed', count(*) filter (where c.status = 'failed'), "
      + "'canceled', count(*) filter (where c.status = 'canceled')) from jobs c where c.parent_id = jobs.id) end as item_counts";
  private static final String COLUMNS_WITH_ITEMS = COLUMNS + ", " + ITEM_COUNTS;

  private final Pool pool;

  public JobRepository(Pool pool) {
    this.pool = pool;
  }

  /** A submission's outcome: the job, and whether this call created it (false: an idempotent repeat). */
  public record Submitted(Job job, boolean created) {}

  public Future<Submitted> submit(NewJob n) {
    return submit(n, 0, (c, job) -> Future.succeededFuture());
  }

  /** Something stored with a new job, in its transaction, before its first event (a job's webhook). */
  @FunctionalInterface
  public interface WithJob {
    Future<Void> apply(SqlClient c, Job job);
  }

  /**
   * Submits with a quota: when {@code maxActive > 0} and the tenant would have more than that many
   * top-level jobs queued or running, nothing is stored and the future fails with
   * {@code job_quota_exceeded} (an idempotent repeat is never refused). Submissions of one tenant
   * serialise on an advisory lock, so concurrent ones cannot overshoot. {@code withJob} runs in the
   * transaction after the job row is in.
   */
  public Future<Submitted> submit(NewJob n, int maxActive, WithJob withJob) {
    return submit(n, maxActive, 0, withJob);
  }

  /**
   * As {@link #submit(NewJob, int, WithJob)}, and when {@code maxQueued > 0} with a global queue
   * depth: a new top-level job that would make more than {@code maxQueued} top-level jobs queued
   * (all tenants) is refused with {@code queue_full}. The count runs in the transaction but under
   * no global lock, so concurrent submissions may overshoot by their number.
   */
  public Future<Submitted> submit(NewJob n, int maxActive, int maxQueued, WithJob withJob) {
    String id = Ids.next("job");
    return pool.withTransaction(c -> (maxActive > 0
            ? c.preparedQuery("select pg_advisory_xact_lock(hashtext('rayform.jobs.' || $1))").execute(Tuple.of(n.tenantId())).mapEmpty()
            : Future.<Void>succeededFuture())
        .compose(locked -> c.preparedQuery(
            "insert into jobs (id, tenant_id, type, input, options, parent_id, item_key, idempotency_key, request_hash, max_attempts) "
                + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (tenant_id, idempotency_key) do nothing returning "
            + COLUMNS_WITH_ITEMS)
        .execute(Tuple.from(Arrays.asList(id, n.tenantId(), n.type().apiName(), n.input(), n.options(), n.parentId(), n.itemKey(),
            n.idempotencyKey(), n.requestHash() == null ? null : Buffer.buffer(n.requestHash()), n.maxAttempts())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return existing(c, n).map(job -> new Submitted(job, false));
          }
          Job job = toJob(rows.iterator().next());
          return checkQuota(c, job, maxActive)
              .compose(v -> checkQueueDepth(c, job, maxQueued))
              .compose(v -> withJob.apply(c, job))
              .compose(v -> enqueue(c, job, 0))
              .compose(v -> appendEvent(c, job.id(), "job.queued", JobStatus.QUEUED, 0, "queued", "accepted", null))
              .map(e -> new Submitted(job, true));
        })));
  }

  private Future<Void> checkQueueDepth(SqlClient c, Job job, int maxQueued) {
    if (maxQueued <= 0 || job.parentId() != null) {
      return Future.succeededFuture();
    }
    return c.preparedQuery("select count(*) from jobs where status = 'queued' and parent_id is null")
        .execute()
        .compose(rows -> rows.iterator().next().getLong(0) > maxQueued
            ? Future.failedFuture(new PlatformException("queue_full",
                "The job queue is full (" + maxQueued + " jobs waiting); retry later"))
            : Future.succeededFuture());
  }

  private Future<Void> checkQuota(SqlClient c, Job job, int maxActive) {
    if (maxActive <= 0 || job.parentId() != null) {
      return Future.succeededFuture();
    }
    return c.preparedQuery("select count(*) from jobs where tenant_id = $1 and parent_id is null and status in ('queued', 'running')")
        .execute(Tuple.of(job.tenantId()))
        .compose(rows -> {
          long active = rows.iterator().next().getLong(0);
          return active > maxActive
              ? Future.failedFuture(new PlatformException("job_quota_exceeded",
                  "At most " + maxActive + " jobs may be queued or running at once; wait for one to finish"))
              : Future.succeededFuture();
        });
  }

  /**
   * Creates a catalogue item's child job, or finds it again (a retried catalogue): unique per parent
   * and item key. The child gets no job message: its parent runs it, micro-batched with the others.
   */
  public Future<Job> ensureChild(NewJob n) {
    String id = Ids.next("job");
    return pool.withTransaction(c -> c.preparedQuery(
            "insert into jobs (id, tenant_id, type, input, options, parent_id, item_key, max_attempts) values ($1, $2, $3, $4, $5, $6, $7, $8) "
                + "on conflict (parent_id, item_key) do nothing returning " + COLUMNS)
        .execute(Tuple.from(Arrays.asList(id, n.tenantId(), n.type().apiName(), n.input(), n.options(), n.parentId(), n.itemKey(),
            n.maxAttempts())))
        .compose(rows -> {
          if (rows.size() > 0) {
            Job job = toJob(rows.iterator().next());
            return appendEvent(c, id, "job.queued", JobStatus.QUEUED, 0, "queued", "item " + n.itemKey(), null).map(e -> job);
          }
          return c.preparedQuery("select " + COLUMNS + " from jobs where parent_id = $1 and item_key = $2")
              .execute(Tuple.of(n.parentId(), n.itemKey())).map(r -> toJob(r.iterator().next()));
        }));
  }

  private Future<Job> existing(SqlClient c, NewJob n) {
    return c.preparedQuery("select " + COLUMNS_WITH_ITEMS + ", request_hash from jobs where tenant_id = $1 and idempotency_key = $2")
        .execute(Tuple.of(n.tenantId(), n.idempotencyKey()))
        .map(rows -> {
          Row row = rows.iterator().next();
          Buffer hash = row.getBuffer("request_hash");
          if (n.requestHash() != null && hash != null && !Arrays.equals(hash.getBytes(), n.requestHash())) {
            throw new PlatformException("idempotency_key_reused",
                "Idempotency-Key '" + n.idempotencyKey() + "' was used for a different request");
          }
          return toJob(row);
        });
  }

  /** Queues the job's message for its topic, available after {@code delay}. */
  private Future<Void> enqueue(SqlClient c, Job job, long delayMillis) {
    JsonObject payload = new JsonObject().put("jobId", job.id()).put("tenantId", job.tenantId())
        .put("type", job.type().apiName()).put("attempt", job.attempts() + 1).put("enqueuedAt", OffsetDateTime.now().toString());
    return c.preparedQuery("insert into outbox (topic, key, payload, available_at) values ($1, $2, $3, now() + $4 * interval '1 millisecond')")
        .execute(Tuple.of(job.type().topic(), job.id(), payload, delayMillis)).mapEmpty();
  }

  /** Appends the job's next event (and queues it for the event topic) in the caller's transaction. */
  public Future<JobEvent> appendEvent(SqlClient c, String jobId, String type, JobStatus status, double progress, String stage,
      String message, JsonObject data) {
    return c.preparedQuery("update jobs set last_seq = last_seq + 1 where id = $1 returning last_seq, tenant_id, parent_id")
        .execute(Tuple.of(jobId))
        .compose(rows -> {
          Row r = rows.iterator().next();
          long seq = r.getLong("last_seq");
          String tenant = r.getString("tenant_id");
          String parent = r.getString("parent_id");
          JsonObject d = data == null ? new JsonObject() : data;
          return c.preparedQuery("insert into job_events (job_id, seq, tenant_id, type, status, progress, stage, message, data) "
                  + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning at")
              .execute(Tuple.from(Arrays.asList(jobId, seq, tenant, type, status.apiName(), (float) progress, stage, message, d)))
              .compose(ins -> {
                JobEvent e = new JobEvent(jobId, seq, tenant, type, status, progress, stage, message, d,
                    ins.iterator().next().getOffsetDateTime("at"));
                return c.preparedQuery("insert into outbox (topic, key, payload) values ($1, $2, $3)")
                    .execute(Tuple.of(Topics.EVENTS, jobId, e.toJson().put("tenantId", tenant)))
                    .compose(x -> WebhookRepository.enqueueJobEvent(c, e, parent))
                    .map(x -> e);
              });
        });
  }

  public Future<Optional<Job>> get(String tenantId, String id) {
    return pool.preparedQuery("select " + COLUMNS_WITH_ITEMS + " from jobs where tenant_id = $1 and id = $2")
        .execute(Tuple.of(tenantId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  /** A page of the tenant's jobs, newest first; {@code cursor} is the last id of the previous page. */
  public Future<List<Job>> list(String tenantId, JobType type, JobStatus status, String parentId, int limit, String cursor) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS_WITH_ITEMS + " from jobs where tenant_id = $1");
    List<Object> args = new ArrayList<>(List.of(tenantId));
    if (type != null) {
      args.add(type.apiName());
      sql.append(" and type = $").append(args.size());
    }
    if (status != null) {
      args.add(status.apiName());
      sql.append(" and status = $").append(args.size());
    }
    if (parentId != null) {
      args.add(parentId);
      sql.append(" and parent_id = $").append(args.size());
    }
    if (cursor != null) {
      args.add(cursor);
      int i = args.size();
      sql.append(" and (created_at, id) < (select created_at, id from jobs where id = $").append(i)
          .append(" and tenant_id = $1)");
    }
    args.add(limit);
    sql.append(" order by created_at desc, id desc limit $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(JobRepository::toJobs);
  }

  /**
   * Claims a job for {@code worker}: a queued job whose backoff is over, or a running one whose lease
   * expired (its worker died). Empty when the job is finished, canceled, or held by a live lease.
   */
  public Future<Optional<Job>> claim(String jobId, String worker, Duration lease) {
    return pool.withTransaction(c -> c.preparedQuery(
            "update jobs set status = 'running', lease_owner = $2, lease_expires_at = now() + $3 * interval '1 millisecond', "
                + "heartbeat_at = now(), attempts = attempts + 1, started_at = coalesce(started_at, now()), next_attempt_at = null "
                + "where id = $1 and not cancel_requested and attempts < max_attempts and ("
                + "(status = 'queued' and coalesce(next_attempt_at, created_at) <= now()) "
                + "or (status = 'running' and lease_expires_at < now())) returning " + COLUMNS)
        .execute(Tuple.of(jobId, worker, lease.toMillis()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Job>empty());
          }
          Job job = toJob(rows.iterator().next());
          return appendEvent(c, jobId, "job.started", JobStatus.RUNNING, job.progress(), "started", "attempt " + job.attempts() + " on " + worker, null)
              .map(e -> Optional.of(job));
        }));
  }

  /**
   * Renews the lease of the holder; answers whether a cancel was requested. Fails with
   * {@code lease_lost} when another worker took the job over.
   */
  public Future<Boolean> heartbeat(String jobId, String worker, Duration lease) {
    return pool.preparedQuery("update jobs set lease_expires_at = now() + $3 * interval '1 millisecond', heartbeat_at = now() "
            + "where id = $1 and status = 'running' and lease_owner = $2 returning cancel_requested")
        .execute(Tuple.of(jobId, worker, lease.toMillis()))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new PlatformException("lease_lost", "job " + jobId + " is no longer held by " + worker);
          }
          return rows.iterator().next().getBoolean("cancel_requested");
        });
  }

  /** Progress of the lease holder, as an event. */
  public Future<JobEvent> progress(String jobId, String worker, double progress, String stage, String message, JsonObject data) {
    return pool.withTransaction(c -> c.preparedQuery("update jobs set progress = $3, stage = $4 where id = $1 and status = 'running' and lease_owner = $2")
        .execute(Tuple.of(jobId, worker, (float) progress, stage))
        .compose(rows -> {
          if (rowCount(rows) == 0) {
            return Future.failedFuture(new PlatformException("lease_lost", "job " + jobId + " is no longer held by " + worker));
          }
          return appendEvent(c, jobId, "job.progress", JobStatus.RUNNING, progress, stage, message, data);
        }));
  }

  /** Finishes the holder's job successfully; fails with {@code lease_lost} otherwise. */
  public Future<Job> succeed(String jobId, String worker, JsonObject result) {
    return succeed(jobId, worker, result, List.of());
  }

  /**
   * Finishes the holder's job successfully and records its artifacts in the same transaction, after
   * the lease check: a worker that lost the job (frozen past its lease while another finished it) can
   * neither finish it again nor replace the artifacts of the attempt that did. Fails with
   * {@code lease_lost} and records nothing otherwise.
   */
  public Future<Job> succeed(String jobId, String worker, JsonObject result, List<Artifact> artifacts) {
    return finish(jobId, worker, "status = 'succeeded', result = coalesce($3, result), progress = 1, stage = 'done'", result, JobStatus.SUCCEEDED,
        "job.succeeded", "succeeded", (c, job) -> artifacts.isEmpty() ? Future.succeededFuture() : c.preparedQuery(
            "insert into artifacts (job_id, name, tenant_id, storage_key, size, sha256, content_type) values ($1, $2, $3, $4, $5, $6, $7) "
                + "on conflict (job_id, name) do update set storage_key = excluded.storage_key, size = excluded.size, "
                + "sha256 = excluded.sha256, content_type = excluded.content_type, created_at = now()")
            .executeBatch(artifacts.stream().map(a -> Tuple.from(Arrays.asList(a.jobId(), a.name(), a.tenantId(), a.storageKey(), a.size(),
                a.sha256(), a.contentType()))).toList())
            .mapEmpty());
  }

  /** Confirms the cancel of the holder's running job. */
  public Future<Job> canceled(String jobId, String worker) {
    return finish(jobId, worker, "status = 'canceled', stage = 'canceled', result = coalesce($3, result)", null, JobStatus.CANCELED,
        "job.canceled", "canceled", (c, job) -> Future.succeededFuture());
  }

  /**
   * Records a failed attempt: retried after {@code backoff} (back to queued, a new outbox message)
   * when {@code retryable} and attempts remain, else the job fails with the code.
   */
  public Future<Job> fail(String jobId, String worker, String code, String message, boolean retryable, Duration backoff) {
    return pool.withTransaction(c -> c.preparedQuery(
            "update jobs set status = case when $5 and attempts < max_attempts then 'queued' else 'failed' end, "
                + "next_attempt_at = case when $5 and attempts < max_attempts then now() + $6 * interval '1 millisecond' end, "
                + "finished_at = case when $5 and attempts < max_attempts then null else now() end, "
                + "error_code = $3, error_message = $4, lease_owner = null, lease_expires_at = null "
                + "where id = $1 and status = 'running' and lease_owner = $2 returning " + COLUMNS)
        .execute(Tuple.of(jobId, worker, code, message, retryable, backoff.toMillis()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new PlatformException("lease_lost", "job " + jobId + " is no longer held by " + worker));
          }
          Job job = toJob(rows.iterator().next());
          if (job.status() == JobStatus.QUEUED) {
            return enqueue(c, job, backoff.toMillis())
                .compose(v -> appendEvent(c, jobId, "job.retrying", JobStatus.QUEUED, job.progress(), "retrying",
                    code + ": " + message, new JsonObject().put("next_attempt_in_ms", backoff.toMillis())))
                .map(e -> job);
          }
          Future<Void> deadLetter = retryable
              ? c.preparedQuery("insert into outbox (topic, key, payload) values ($1, $2, $3)")
                  .execute(Tuple.of(Topics.DEAD_LETTER, jobId, new JsonObject().put("jobId", jobId).put("tenantId", job.tenantId())
                      .put("type", job.type().apiName()).put("attempts", job.attempts()).put("code", code).put("message", message)))
                  .mapEmpty()
              : Future.succeededFuture();
          return deadLetter.compose(v -> terminalData(c, job, new JsonObject().put("code", code)))
              .compose(d -> appendEvent(c, jobId, "job.failed", JobStatus.FAILED, job.progress(), "failed", code + ": " + message, d))
              .map(e -> job);
        }));
  }

  /**
   * Gives back jobs whose worker died: running jobs whose lease expired more than {@code grace} ago
   * go back to the queue with a new message (or fail with {@code lease_expired} when no attempt is
   * left). Run periodically by the workers; several may run it at once.
   */
  public Future<Integer> requeueExpired(Duration grace) {
    return pool.withTransaction(c -> c.preparedQuery("select id, attempts, max_attempts from jobs where status = 'running' "
            + "and lease_expires_at < now() - $1 * interval '1 millisecond' for update skip locked limit 100")
        .execute(Tuple.of(grace.toMillis()))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          int n = 0;
          for (Row r : rows) {
            String id = r.getString("id");
            boolean left = r.getInteger("attempts") < r.getInteger("max_attempts");
            n++;
            chain = chain.compose(v -> c.preparedQuery(left
                    ? "update jobs set status = 'queued', lease_owner = null, lease_expires_at = null, next_attempt_at = now() "
                        + "where id = $1 returning " + COLUMNS
                    : "update jobs set status = 'failed', lease_owner = null, lease_expires_at = null, finished_at = now(), "
                        + "error_code = 'lease_expired', error_message = 'the worker stopped answering on every attempt' "
                        + "where id = $1 returning " + COLUMNS)
                .execute(Tuple.of(id))
                .compose(updated -> {
                  Job job = toJob(updated.iterator().next());
                  return left
                      ? enqueue(c, job, 0).compose(x -> appendEvent(c, id, "job.requeued", JobStatus.QUEUED, job.progress(), "queued",
                          "its worker stopped answering; queued again", null)).mapEmpty()
                      : terminalData(c, job, null).compose(d -> appendEvent(c, id, "job.failed", JobStatus.FAILED, job.progress(), "failed",
                          "lease_expired", d)).<Void>mapEmpty();
                }));
          }
          int count = n;
          return chain.map(count);
        }));
  }

  private Future<Job> finish(String jobId, String worker, String set, JsonObject value, JobStatus status, String eventType, String stage,
      WithJob withJob) {
    return pool.withTransaction(c -> c.preparedQuery("update jobs set " + set + ", finished_at = now(), lease_owner = null, "
            + "lease_expires_at = null where id = $1 and status = 'running' and lease_owner = $2 returning " + COLUMNS)
        .execute(Tuple.of(jobId, worker, value))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new PlatformException("lease_lost", "job " + jobId + " is no longer held by " + worker));
          }
          Job job = toJob(rows.iterator().next());
          return withJob.apply(c, job).compose(v -> terminalData(c, job, null))
              .compose(d -> appendEvent(c, jobId, eventType, status, job.progress(), stage, stage, d)).map(e -> job);
        }));
  }

  /**
   * The API's cancel: a queued job is canceled at once; a running one gets a cancel request its
   * worker honours at its next heartbeat. Empty when the tenant has no such job; a finished job is
   * returned unchanged.
   */
  public Future<Optional<Job>> cancel(String tenantId, String id) {
    return pool.withTransaction(c -> c.preparedQuery(
            "update jobs set status = case when status = 'queued' then 'canceled' else status end, "
                + "finished_at = case when status = 'queued' then now() else finished_at end, "
                + "cancel_requested = true where tenant_id = $1 and id = $2 and status in ('queued', 'running') returning "
                + COLUMNS_WITH_ITEMS)
        .execute(Tuple.of(tenantId, id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return get(tenantId, id);
          }
          Job job = toJob(rows.iterator().next());
          return (job.status() == JobStatus.CANCELED
              ? appendEvent(c, id, "job.canceled", JobStatus.CANCELED, job.progress(), "canceled", "canceled before it started", null)
              : appendEvent(c, id, "job.cancel_requested", JobStatus.RUNNING, job.progress(), job.stage(), "cancel requested", null))
              .map(e -> Optional.of(job));
        }));
  }

  /** A catalogue's items counted by status (and its failed ones by error code). */
  public Future<ItemCounts> itemCounts(String parentId) {
    return itemCounts(pool, parentId);
  }

  private static Future<ItemCounts> itemCounts(SqlClient c, String parentId) {
    return c.preparedQuery("select status, error_code, count(*) as n from jobs where parent_id = $1 group by status, error_code")
        .execute(Tuple.of(parentId))
        .map(rows -> {
          int[] by = new int[JobStatus.values().length];
          java.util.Map<String, Integer> codes = new java.util.TreeMap<>();
          int total = 0;
          for (Row r : rows) {
            JobStatus s = JobStatus.fromApiName(r.getString("status"));
            int n = r.getLong("n").intValue();
            by[s.ordinal()] += n;
            total += n;
            if (s == JobStatus.FAILED) {
              codes.merge(r.getString("error_code") == null ? "unknown" : r.getString("error_code"), n, Integer::sum);
            }
          }
          return new ItemCounts(total, by[JobStatus.QUEUED.ordinal()], by[JobStatus.RUNNING.ordinal()], by[JobStatus.SUCCEEDED.ordinal()],
              by[JobStatus.FAILED.ordinal()], by[JobStatus.CANCELED.ordinal()], codes);
        });
  }

  /**
   * The data of a job's terminal event: {@code base}, and for a catalogue its items counted by status
   * ({@code items}: total, succeeded, failed, ...), read in the finishing transaction so the event and
   * its webhook carry the same counts as the job.
   */
  private static Future<JsonObject> terminalData(SqlClient c, Job job, JsonObject base) {
    if (job.type() != JobType.CATALOG) {
      return Future.succeededFuture(base);
    }
    return itemCounts(c, job.id()).map(n -> (base == null ? new JsonObject() : base).put("items", n.toJson()));
  }

  /** The tenant's events of a job after {@code since}, in seq order. */
  public Future<List<JobEvent>> events(String tenantId, String jobId, long since, int limit) {
    return pool.preparedQuery("select job_id, seq, tenant_id, type, status, progress, stage, message, data, at from job_events "
            + "where tenant_id = $1 and job_id = $2 and seq > $3 order by seq limit $4")
        .execute(Tuple.of(tenantId, jobId, since, limit))
        .map(rows -> {
          List<JobEvent> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new JobEvent(r.getString("job_id"), r.getLong("seq"), r.getString("tenant_id"), r.getString("type"),
                JobStatus.fromApiName(r.getString("status")), r.getFloat("progress"), r.getString("stage"), r.getString("message"),
                r.getJsonObject("data"), r.getOffsetDateTime("at")));
          }
          return out;
        });
  }

  private static int rowCount(RowSet<Row> rows) {
    return rows.rowCount();
  }

  private static List<Job> toJobs(RowSet<Row> rows) {
    List<Job> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(toJob(r)));
    return out;
  }

  static Job toJob(Row r) {
    return new Job(r.getString("id"), r.getString("tenant_id"), JobType.fromApiName(r.getString("type")).orElseThrow(),
        JobStatus.fromApiName(r.getString("status")), r.getJsonObject("input"), r.getJsonObject("options"), r.getString("parent_id"),
        r.getInteger("attempts"), r.getInteger("max_attempts"), r.getBoolean("cancel_requested"), r.getFloat("progress"),
        r.getString("stage"), r.getString("error_code"), r.getString("error_message"), r.getJsonObject("result"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"),
        r.getColumnIndex("item_counts") >= 0 ? itemsJson(r.getValue("item_counts")) : null);
  }

  private static JsonObject itemsJson(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof JsonObject o ? o : new JsonObject(value.toString());
  }
}
