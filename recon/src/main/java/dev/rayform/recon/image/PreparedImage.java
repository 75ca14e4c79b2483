package dev.rayform.recon.image;

import java.awt.image.BufferedImage;

/**
 * A network input: the square RGB image, the same pixels as ImageNet-normalised float CHW
 * ({@code chw[(c * size + y) * size + x]}), and where the object was in the source.
 */
public record PreparedImage(BufferedImage rgb, float[] chw, Crop crop) {
  public int size() {
    return rgb.getWidth();
  }
}
