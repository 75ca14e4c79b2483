package dev.rayform.core.job;

import java.security.SecureRandom;

/** Identifiers that cannot be guessed: a prefix and 20 random base-32 characters (100 bits). */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Ids() {}

  public static String next(String prefix) {
    char[] c = new char[20];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(32)];
    }
    return prefix + "_" + new String(c);
  }
}
