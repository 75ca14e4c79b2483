package dev.rayform.recon.data;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible seeds from a base seed and names (SplitMix64 finaliser). */
public final class Seeds {
  private Seeds() {}

  public static long mix(long seed, String name, long index) {
    long h = seed;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = scramble(h ^ b);
    }
    return scramble(h ^ scramble(index + 0x632BE59BD9B4E019L));
  }

  public static long mix(long seed, String name) {
    return mix(seed, name, 0);
  }

  private static long scramble(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
