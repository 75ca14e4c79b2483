package dev.rayform.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded services alone until interrupted, for poking at them with other tools:
 * {@code java -cp ... dev.rayform.devstack.DevStackMain [dataDir]} (default {@code .rayform}).
 * With {@code --once} it starts, prints, and stops (used to measure start times).
 */
public final class DevStackMain {

  private DevStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    boolean once = args.length > 0 && args[args.length - 1].equals("--once");
    Path dataDir = Path.of(args.length > (once ? 1 : 0) ? args[0] : ".rayform");
    long t = System.nanoTime();
    DevStack stack = DevStack.start(dataDir);
    System.out.println("devstack up in " + (System.nanoTime() - t) / 1_000_000 + " ms ("
        + stack.startTimes() + ")");
    System.out.println(stack.config());
    System.out.println("jdbc: " + stack.config().jdbcUrl());
    if (once) {
      stack.close();
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "devstack-shutdown"));
    stopped.await();
  }
}
