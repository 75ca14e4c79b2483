package dev.rayform.recon.rays;

/** Occupancy bits packed eight to a byte, least significant bit first. */
public final class BitPacking {
  private BitPacking() {}

  public static int packedLength(int bits) {
    return (bits + 7) >>> 3;
  }

  public static byte[] pack(boolean[] bits) {
    byte[] out = new byte[packedLength(bits.length)];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        out[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return out;
  }

  public static boolean[] unpack(byte[] packed, int bits) {
    if (packed.length < packedLength(bits)) {
      throw new IllegalArgumentException("need " + packedLength(bits) + " bytes for " + bits + " bits, got " + packed.length);
    }
    boolean[] out = new boolean[bits];
    for (int i = 0; i < bits; i++) {
      out[i] = (packed[i >>> 3] >> (i & 7) & 1) != 0;
    }
    return out;
  }

  public static boolean get(byte[] packed, int i) {
    return (packed[i >>> 3] >> (i & 7) & 1) != 0;
  }
}
