package dev.rayform.recon.model;

/**
 * Floating-point operations of a forward pass, counted from the architecture (2 per
 * multiply-add of convolutions and linear layers; normalisation, activations and sampling are
 * left out, being a few percent at most).
 */
public final class ModelFlops {
  private ModelFlops() {}

  /** Encoder H on one image: ResNet-18, the z head and, for Ray-ONet, the local map. */
  public static double encoder(ModelConfig c) {
    long s = c.imageSize(), w = c.baseWidth();
    long side = s / 2; // conv1, stride 2
    double macs = conv(3, w, 7, side);
    long in = w;
    side /= 2; // max-pool
    for (int stage = 0; stage < 4; stage++) {
      long out = w << stage;
      if (stage > 0) {
        side /= 2;
      }
      macs += conv(in, out, 3, side) + conv(out, out, 3, side); // first block
      if (in != out) {
        macs += conv(in, out, 1, side);
      }
      macs += 2 * conv(out, out, 3, side); // second block
      in = out;
    }
    macs += 8L * w * c.latentDim() + (long) c.latentDim() * c.latentDim();
    if (c.isRayOnet() && c.useLocal()) {
      long stem = s / 2;
      macs += conv(w + w + 2 * w + 4 * w, c.localDim(), 1, stem);
    }
    return 2 * macs;
  }

  /** Mixer J and decoder D for {@code rays} rays (the CBN scales and shifts are per image, not counted). */
  public static double rayDecoder(ModelConfig c, long rays) {
    long h = c.hidden();
    long mixerIn = 2 + (c.useLocal() ? c.localDim() : 0);
    double perRay = mixerIn * h + 2.0 * c.mixerBlocks() * h * h + 2.0 * c.decoderBlocks() * h * h + (double) h * c.m();
    return 2 * perRay * rays;
  }

  /** ONet's decoder for {@code points} points. */
  public static double pointDecoder(ModelConfig c, long points) {
    long h = c.hidden();
    double perPoint = 3 * h + 2.0 * c.decoderBlocks() * h * h + h;
    return 2 * perPoint * points;
  }

  private static double conv(long in, long out, int k, long side) {
    return (double) in * out * k * k * side * side;
  }
}
