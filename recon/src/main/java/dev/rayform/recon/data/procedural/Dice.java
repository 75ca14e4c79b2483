package dev.rayform.recon.data.procedural;

import java.util.SplittableRandom;

/** Seeded draws for grammars; a thin wrapper that reads well in shape code. */
final class Dice {
  private final SplittableRandom random;

  Dice(SplittableRandom random) {
    this.random = random;
  }

  /** Uniform in [lo, hi). */
  double range(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  /** Uniform integer in [lo, hi] inclusive. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Index chosen with the given relative weights. */
  int pick(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  SplittableRandom split() {
    return random.split();
  }
}
