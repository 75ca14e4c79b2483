package dev.rayform.workers.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import dev.rayform.workers.jobs.JobContext;
import dev.rayform.workers.jobs.JobHandler;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A worker in a process of its own, for the crash test: its reconstruct handler works slowly
 * (writing progress), then stores one artifact. Arguments: kafka, pg host, pg port, database, user,
 * store, scratch folder, worker id, seconds of work.
 */
public final class WorkerProcessMain {
  private WorkerProcessMain() {}

  /** Slow work that leaves one artifact: enough time to be killed in the middle. */
  static final class SlowHandler implements JobHandler {
    private final int seconds;

    SlowHandler(int seconds) {
      this.seconds = seconds;
    }

    @Override
    public JobType type() {
      return JobType.RECONSTRUCT;
    }

    @Override
    public ObjectNode run(JobContext ctx) throws Exception {
      for (int i = 0; i < seconds * 4; i++) {
        ctx.progress(i / (seconds * 4.0), "working", "step " + i);
        Thread.sleep(250);
      }
      Path out = Files.writeString(ctx.workDir().resolve("result.txt"), "done by " + ProcessHandle.current().pid());
      ctx.artifact("result.txt", out, "text/plain");
      return JsonNodeFactory.instance.objectNode().put("pid", ProcessHandle.current().pid());
    }
  }

  public static void main(String[] args) throws Exception {
    PlatformConfig config = new PlatformConfig(args[0], args[1], Integer.parseInt(args[2]), args[3], args[4], "", args[5],
        args[6], args[7], args[9]);
    Vertx vertx = Vertx.vertx();
    PlatformServices services = PlatformServices.open(vertx, config);
    vertx.deployVerticle(new WorkerVerticle(services, List.of(new SlowHandler(Integer.parseInt(args[10]))), args[9], Path.of(args[8]),
        Duration.ofSeconds(2))).toCompletionStage().toCompletableFuture().get();
    System.out.println("worker " + args[9] + " ready");
    Thread.currentThread().join();
  }
}
