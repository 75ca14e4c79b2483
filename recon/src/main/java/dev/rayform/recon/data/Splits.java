package dev.rayform.recon.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Train/val/test assignment by shape, per category: a seeded shuffle, then the first
 * {@code round(test * n)} shapes (at least one when there are two or more) go to test, the next
 * {@code round(val * n)} (at least one when there are three or more) to val, the rest to train.
 */
public final class Splits {
  public static final String TRAIN = "train", VAL = "val", TEST = "test";

  private Splits() {}

  public static List<String> assign(int n, double valFraction, double testFraction, long seed) {
    int test = n >= 2 ? Math.max(1, (int) Math.round(testFraction * n)) : 0;
    int val = n >= 3 ? Math.max(1, (int) Math.round(valFraction * n)) : 0;
    if (testFraction == 0) {
      test = 0;
    }
    if (valFraction == 0) {
      val = 0;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    String[] split = new String[n];
    for (int r = 0; r < n; r++) {
      split[order.get(r)] = r < test ? TEST : r < test + val ? VAL : TRAIN;
    }
    return List.of(split);
  }
}
