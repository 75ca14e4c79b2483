package dev.rayform.workers.platform;

import dev.rayform.recon.util.FileTrees;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.PlatformException;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.Topics;
import dev.rayform.recon.ReconException;
import dev.rayform.workers.jobs.JobCanceled;
import dev.rayform.workers.jobs.JobFailure;
import dev.rayform.workers.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes the topics of the job types it handles, one job at a time: claims the job in PostgreSQL
 * (a lease renewed by heartbeat), runs its handler on a worker thread, records artifacts and the
 * result, then commits the Kafka offset. A message whose job is finished, canceled or held by a
 * live lease is skipped (committed). Failures retry with exponential backoff (1 s, then 4 s, up to
 * the job's attempts); bad input fails at once. An object store that is away is first waited out
 * within the attempt (a minute of retries, see {@link PlatformJobContext}), so a store restart costs
 * no attempt. A periodic reaper gives back the jobs of workers that died.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

  private final PlatformServices services;
  private final Map<JobType, JobHandler> handlers;
  private final String worker;
  private final Path scratch;
  private final Duration lease;
  private static final long CLAIM_RETRY_MS = 1000;
  private KafkaConsumer<String, String> consumer;
  private long reaper = -1;
  private volatile boolean stopping;

  public WorkerVerticle(PlatformServices services, List<JobHandler> handlers, String worker, Path scratch, Duration lease) {
    this.services = services;
    this.handlers = new HashMap<>();
    handlers.forEach(h -> this.handlers.put(h.type(), h));
    this.worker = worker;
    this.scratch = scratch;
    this.lease = lease;
  }

  @Override
  public Future<?> start() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", services.config().kafkaBootstrapServers());
    config.put("group.id", Topics.WORKER_GROUP);
    // The group's member list then says which worker holds which partitions (kafka-consumer-groups --describe).
    config.put("client.id", worker);
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", "1");
    // A training chunk can take long between polls; the lease, not the poll, proves the worker alive.
    config.put("max.poll.interval.ms", "3600000");
    // A dead worker's partitions move to the others after 10 s instead of Kafka's default 45 s.
    config.put("session.timeout.ms", "10000");
    config.put("heartbeat.interval.ms", "3000");
    consumer = KafkaConsumer.create(vertx, config);
    consumer.handler(this::onRecord);
    consumer.exceptionHandler(e -> {
      if (!stopping) {
        LOG.warn("job consumer: {}", e.getMessage());
      }
    });
    reaper = vertx.setPeriodic(lease.toMillis(), id -> services.jobs().requeueExpired(Duration.ofSeconds(2))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("requeued {} jobs whose worker stopped answering", n);
          }
        }));
    return consumer.subscribe(handlers.keySet().stream().map(JobType::topic).collect(java.util.stream.Collectors.toSet()));
  }

  private void onRecord(KafkaConsumerRecord<String, String> record) {
    consumer.pause();
    String jobId = new JsonObject(record.value()).getString("jobId");
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    runJob(jobId).onComplete(outcome -> {
      if (outcome.failed() && outcome.cause() instanceof ClaimFailed e) {
        // Nothing about the job is known (the database did not answer): it may still be queued, and this
        // message is then its only trigger. Read the message again after a pause instead of committing it.
        LOG.warn("job {}: could not claim ({}); retrying in {} ms", jobId, e.getCause().toString(), CLAIM_RETRY_MS);
        consumer.seek(partition, record.offset())
            .onComplete(x -> vertx.setTimer(CLAIM_RETRY_MS, t -> consumer.resume()));
        return;
      }
      if (outcome.failed()) {
        LOG.warn("job {}: {}", jobId, outcome.cause().toString());
      }
      consumer.commit(Map.of(partition, new OffsetAndMetadata(record.offset() + 1, null)))
          .onComplete(x -> consumer.resume());
    });
  }

  /** The claim itself failed (not "not ours"): the message must not be committed. */
  static final class ClaimFailed extends RuntimeException {
    ClaimFailed(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Claims and runs one job; completes when the job's outcome is recorded (or it was not ours). */
  Future<Void> runJob(String jobId) {
    return services.jobs().claim(jobId, worker, lease).recover(e -> Future.failedFuture(new ClaimFailed(e))).compose(claimed -> {
      if (claimed.isEmpty()) {
        return Future.succeededFuture();
      }
      Job job = claimed.get();
      JobHandler handler = handlers.get(job.type());
      Path dir = scratch.resolve("jobs").resolve(job.id()).resolve("attempt-" + job.attempts());
      PlatformJobContext ctx = new PlatformJobContext(services, job, worker, dir, scratch.resolve("cache"));
      // The lease holds until it expires: a heartbeat that fails because the database is briefly away is
      // no reason to stop; one refused (another worker holds the job) or none renewed for a whole lease is.
      long[] renewedAt = {System.nanoTime()};
      long heartbeat = vertx.setPeriodic(Math.max(500, lease.toMillis() / 3), id -> services.jobs().heartbeat(job.id(), worker, lease)
          .onSuccess(cancel -> {
            renewedAt[0] = System.nanoTime();
            ctx.cancelRequested(cancel);
          })
          .onFailure(e -> {
            boolean refused = e instanceof PlatformException p && "lease_lost".equals(p.code());
            if (refused || System.nanoTime() - renewedAt[0] > lease.toNanos()) {
              LOG.warn("job {}: lease lost ({}); stopping this attempt", job.id(), e.getMessage());
              ctx.leaseLost();
            }
          }));
      Promise<ObjectNode> done = Promise.promise();
      vertx.executeBlocking(() -> {
        MDC.put("job", job.id());
        try {
          ctx.restoreState();
          return handler.run(ctx);
        } finally {
          MDC.remove("job");
        }
      }, false).onComplete(done);
      return done.future()
          .compose(result -> recordSuccess(job, ctx, result))
          .recover(e -> recordFailure(job, ctx, unwrap(e)))
          .eventually(() -> {
            vertx.cancelTimer(heartbeat);
            return vertx.executeBlocking(() -> {
              FileTrees.delete(dir);
              return null;
            }, false);
          })
          .mapEmpty();
    });
  }

  private Future<Void> recordSuccess(Job job, PlatformJobContext ctx, ObjectNode result) {
    JsonObject json = result == null ? new JsonObject() : new JsonObject(result.toString());
    json.put("artifacts", ctx.artifacts().stream().map(a -> a.name()).toList());
    // The artifact rows go in with the success, fenced by the lease (a worker that lost the job writes nothing).
    return services.jobs().succeed(job.id(), worker, json, ctx.artifacts()).mapEmpty();
  }

  private Future<Void> recordFailure(Job job, PlatformJobContext ctx, Throwable e) {
    if (ctx.lostLease()) {
      // Another worker (or the reaper) owns the job now: this attempt records nothing, not even a cancel.
      LOG.warn("job {}: attempt {} abandoned after losing its lease", job.id(), job.attempts());
      return Future.succeededFuture();
    }
    if (e instanceof JobCanceled) {
      return services.jobs().canceled(job.id(), worker).mapEmpty();
    }
    String code;
    boolean retryable;
    if (e instanceof JobFailure f) {
      code = f.code();
      retryable = f.retryable();
    } else if (e instanceof ReconException r) {
      code = r.code();
      retryable = false;
    } else if (e instanceof PlatformException p) {
      code = p.code();
      retryable = true;
    } else {
      code = "internal_error";
      retryable = true;
      LOG.error("job {} failed unexpectedly", job.id(), e);
    }
    Duration backoff = Duration.ofMillis((long) (1000 * Math.pow(4, job.attempts() - 1)));
    return services.jobs().fail(job.id(), worker, code, String.valueOf(e.getMessage()), retryable, backoff).mapEmpty();
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (reaper >= 0) {
      vertx.cancelTimer(reaper);
    }
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }
}
