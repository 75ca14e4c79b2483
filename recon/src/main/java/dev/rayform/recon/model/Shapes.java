package dev.rayform.recon.model;

import ai.djl.ndarray.types.Shape;

/** Shape arithmetic for the blocks' {@code getOutputShapes}. */
public final class Shapes {
  private Shapes() {}

  /** Output side of a convolution or pooling window. */
  public static long conv(long size, int kernel, int stride, int pad) {
    return (size + 2L * pad - kernel) / stride + 1;
  }

  public static Shape nchw(long n, long c, long h, long w) {
    return new Shape(n, c, h, w);
  }
}
