package dev.rayform.workers.platform;

import dev.rayform.workers.jobs.JobFailure;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a Vert.x future from a worker thread (never from an event loop). */
final class Blocking {
  private Blocking() {}

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailure("interrupted", "interrupted while waiting for the platform", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new JobFailure("platform_error", String.valueOf(e.getCause()), true, e.getCause());
    } catch (TimeoutException e) {
      throw new JobFailure("platform_timeout", "the database or store did not answer in 2 minutes", true, e);
    }
  }
}
