package dev.rayform.recon.image;

/**
 * Where the object was found in the source image ({@code x, y, width, height}, pixels) and the
 * square source region, possibly reaching past the image edges, that was resized to the network
 * input ({@code regionX, regionY, regionSide}). {@code objectFound} is false when nothing but
 * background was seen; the box is then the whole image.
 */
public record Crop(
    int sourceWidth,
    int sourceHeight,
    int x,
    int y,
    int width,
    int height,
    double regionX,
    double regionY,
    double regionSide,
    boolean objectFound) {

  /** The longest side of the object box over the side of the square region. */
  public double objectFraction() {
    return Math.max(width, height) / regionSide;
  }
}
