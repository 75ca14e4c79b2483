package dev.rayform.recon.model.encoder;

/**
 * Where the cells of a feature map look in the input image: cell {@code j} of the map is centred on
 * input pixel {@code offset + stride * j} (pixel {@code i} covering {@code [i, i + 1)}), derived by
 * composing the kernels, strides and paddings of the windows that made the map. Sampling a map at
 * {@link #cell} reads the features computed around the ray's own pixel, which the aligned-corners
 * rule {@code p (n - 1)} misses by several pixels on the coarse levels.
 */
public record ReceptiveField(int stride, double offset) {
  public static final ReceptiveField INPUT = new ReceptiveField(1, 0);

  /** The field after one more window (convolution or pooling) of {@code kernel}, {@code windowStride} and {@code pad}. */
  public ReceptiveField then(int kernel, int windowStride, int pad) {
    return new ReceptiveField(stride * windowStride, offset + stride * ((kernel - 1) / 2.0 - pad));
  }

  /** The continuous cell coordinate of image position {@code p} in [0,1] on an input {@code imageSize} pixels wide. */
  public double cell(double p, int imageSize) {
    return (p * imageSize - 0.5 - offset) / stride;
  }
}
