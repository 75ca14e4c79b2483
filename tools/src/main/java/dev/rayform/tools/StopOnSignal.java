package dev.rayform.tools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM or Ctrl-C during a long command: instead of the JVM exiting under the work (losing every
 * step since the last checkpoint, and now and then crashing in libtorch, torn down while the training
 * thread is inside it), a shutdown hook asks the work to stop at its next safe point and holds the
 * exit until the work says it has finished, for at most {@code grace}. Open it around the work and
 * close it when the work is done, whichever way it ends, and after the work's last output: a pending
 * exit goes on the moment it closes.
 */
final class StopOnSignal implements AutoCloseable {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  StopOnSignal(String what, Duration grace) {
    hook = new Thread(() -> {
      requested.set(true);
      System.err.printf("%nrayform: stopping %s at the end of this step (with a checkpoint; kill -9 stops it now)%n", what);
      try {
        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "rayform-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** True once a signal asked the work to stop. */
  boolean requested() {
    return requested.get();
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it returns now that the work has finished.
    }
  }
}
