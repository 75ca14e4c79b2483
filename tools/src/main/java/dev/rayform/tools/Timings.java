package dev.rayform.tools;

import java.util.Arrays;

/** Repeated measurements of one operation: min, median, max in milliseconds. */
record Timings(double minMs, double medianMs, double maxMs, int runs) {

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} {@code warmup} times unmeasured, then {@code runs} times measured. */
  static Timings measure(int warmup, int runs, Body body) throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("at least one measured run is needed, got " + runs);
    }
    for (int i = 0; i < warmup; i++) {
      body.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      body.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    double median = runs % 2 == 1 ? ms[runs / 2] : 0.5 * (ms[runs / 2 - 1] + ms[runs / 2]);
    return new Timings(ms[0], median, ms[runs - 1], runs);
  }

  String cells() {
    return String.format("%.1f | %.1f | %.1f", minMs, medianMs, maxMs);
  }
}
