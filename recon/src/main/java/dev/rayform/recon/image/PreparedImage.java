package dev.rayform.recon.image;

import java.awt.image.BufferedImage;

/**
 * A network input: the square RGB image, the same pixels as ImageNet-normalised float CHW
 * ({@code chw[(c * size + y) * size + x]}), where the object was in the source, and the source photo
 * with the product's mask (what colours the mesh).
 */
public record PreparedImage(BufferedImage rgb, float[] chw, Crop crop, ProductPhoto photo) {
  public int size() {
    return rgb.getWidth();
  }
}
