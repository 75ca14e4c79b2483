package dev.rayform.recon.image;

/**
 * A photo with its product separated: opaque pixels ({@code 0xRRGGBB}, row by row; transparent
 * pixels composited on white, the background left as photographed) and the product's mask. How the
 * mask was found is {@code source}: {@code alpha}, {@code plain} (a plain light background) or
 * {@code grabcut}. {@code background} is a plain background's colour, or -1.
 */
public record ProductPhoto(int width, int height, int[] rgb, boolean[] mask, String source, int background) {
  public ProductPhoto {
    if (rgb.length != width * height || mask.length != width * height) {
      throw new IllegalArgumentException("photo needs width x height pixels and mask values");
    }
  }

  /** The pixels with everything outside the mask white: the input the network was trained on. */
  public int[] onWhite() {
    int[] out = rgb.clone();
    for (int i = 0; i < out.length; i++) {
      if (!mask[i]) {
        out[i] = Pixels.WHITE;
      }
    }
    return out;
  }

  /**
   * Whether pixel {@code i} shows the product's own colour: inside the mask, and on a plain
   * background not of the background's colour (a gap enclosed by the product, between a chair's
   * slats, is inside the outline but shows the background).
   */
  public boolean showsProduct(int i) {
    return mask[i] && (background < 0 || Pixels.distance(rgb[i], background) > BackgroundRemover.FILL_TOLERANCE);
  }

  /** The share of the frame the product covers. */
  public double coverage() {
    int n = 0;
    for (boolean m : mask) {
      n += m ? 1 : 0;
    }
    return n / (double) mask.length;
  }
}
