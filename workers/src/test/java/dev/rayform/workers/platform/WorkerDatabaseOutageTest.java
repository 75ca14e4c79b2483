package dev.rayform.workers.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobEvent;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.devstack.DevStack;
import dev.rayform.workers.jobs.JobCanceled;
import dev.rayform.workers.jobs.JobContext;
import dev.rayform.workers.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker while PostgreSQL goes away and comes back (found by the cluster's fault-injection suite):
 * a job message read while the database is down is not committed and lost (the job would stay
 * queued forever), and a heartbeat that fails for less than a lease does not cancel the job.
 * There is no outbox relay here: the test sends the job messages itself, so the one message is the
 * job's only trigger.
 */
class WorkerDatabaseOutageTest {
  static Path dir;
  static DevStack stack;
  static Vertx vertx;
  static PlatformServices services;
  static KafkaProducer<String, String> producer;

  /** Works in 100 ms steps for {@code seconds}, honouring cancel like the real handlers. */
  static final class PatientHandler implements JobHandler {
    @Override
    public JobType type() {
      return JobType.RECONSTRUCT;
    }

    @Override
    public ObjectNode run(JobContext ctx) throws Exception {
      int steps = ctx.options().path("seconds").asInt(0) * 10;
      for (int i = 0; i < steps; i++) {
        if (ctx.cancelRequested()) {
          throw new JobCanceled(ctx.jobId());
        }
        ctx.progress(i / (double) steps, "working", "step " + i);
        Thread.sleep(100);
      }
      return JsonNodeFactory.instance.objectNode().put("steps", steps);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("rayform-db-outage");
    stack = DevStack.start(dir.resolve("stack"));
    DevStack.Config c = stack.config();
    vertx = Vertx.vertx();
    services = PlatformServices.open(vertx, new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(),
        c.pgUser(), c.pgPassword(), c.storeLocation(), c.s3AccessKey(), c.s3SecretKey(), "w-outage"));
    TopicSetup.ensure(c.kafkaBootstrapServers(), 1, (short) 1);
    await(services.tenants().ensure("t", "T"));
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", c.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
    await(vertx.deployVerticle(new WorkerVerticle(services, List.of(new PatientHandler()), "w-outage", dir.resolve("scratch"),
        Duration.ofSeconds(3))));
    // The consumer holds the partition once a first job has run.
    assertThat(run(submit(0)).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @AfterAll
  static void stop() throws Exception {
    producer.close();
    await(vertx.close());
    stack.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static Job submit(int seconds) throws Exception {
    return await(services.jobs().submit(NewJob.of("t", JobType.RECONSTRUCT, new JsonObject(), new JsonObject().put("seconds", seconds))))
        .job();
  }

  static void send(Job job) throws Exception {
    producer.send(new ProducerRecord<>(JobType.RECONSTRUCT.topic(), job.id(), new JsonObject().put("jobId", job.id()).put("tenantId", "t")
        .put("type", "reconstruct").put("attempt", 1).encode())).get(30, TimeUnit.SECONDS);
  }

  static Job run(Job job) throws Exception {
    send(job);
    return waitForEnd(job, 60);
  }

  static Job waitForEnd(Job job, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        Job j = await(services.jobs().get("t", job.id())).orElseThrow();
        if (j.status().isTerminal()) {
          return j;
        }
      } catch (Exception e) {
        // the database may be on its way back
      }
      Thread.sleep(100);
    }
    return await(services.jobs().get("t", job.id())).orElseThrow();
  }

  @Test
  void aJobMessageReadWhileTheDatabaseIsDownIsReadAgainOnceItIsBack() throws Exception {
    Job job = submit(0);
    stack.postgres().stop();
    try {
      send(job);
      Thread.sleep(3000); // the outage: the worker reads the message and cannot claim the job
    } finally {
      stack.postgres().start();
    }
    Job done = waitForEnd(job, 60);
    assertThat(done.status()).as("the job after the outage").isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(1);
  }

  @Test
  void aHeartbeatFailingForLessThanALeaseDoesNotCancelTheJob() throws Exception {
    Job job = submit(5);
    send(job);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (await(services.jobs().get("t", job.id())).orElseThrow().progress() < 0.1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    stack.postgres().stop();
    try {
      Thread.sleep(1500); // longer than a heartbeat period (1 s), shorter than the lease (3 s)
    } finally {
      stack.postgres().start();
    }
    Job done = waitForEnd(job, 60);
    assertThat(done.status()).as("%s: %s", done.errorCode(), done.errorMessage()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(1);
    List<JobEvent> events = await(services.jobs().events("t", job.id(), 0, 1000));
    assertThat(events).extracting(JobEvent::type).doesNotContain("job.canceled").containsOnlyOnce("job.succeeded");
  }
}
