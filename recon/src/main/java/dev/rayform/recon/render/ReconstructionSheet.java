package dev.rayform.recon.render;

import dev.rayform.recon.image.Crop;
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.image.ProductPhoto;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * What a reconstruction of a photo looks like, one row per photo: the photo as the network saw it
 * (cropped and padded; from a {@link PreparedImage}, the photo itself with everything outside the
 * product's mask faded), the camera-frame mesh rendered from that same camera (it should cover the
 * object's pixels), and the mesh stood upright as the product is delivered, from the side and from
 * behind, which show the depth and the colours the photo does not.
 */
public final class ReconstructionSheet {
  private static final double[] IDENTITY_R = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  private final int cell;
  private final double normalizedFocal;
  private final Renderer renderer = new Renderer();
  private final ContactSheet sheet = new ContactSheet(4);
  private int rows;

  /** Cells of {@code cell} pixels; {@code normalizedFocal} is the model's (focal length over image size). */
  public ReconstructionSheet(int cell, double normalizedFocal) {
    if (cell < 32 || !(normalizedFocal > 0)) {
      throw new IllegalArgumentException("need cells of at least 32 pixels and a positive focal length");
    }
    this.cell = cell;
    this.normalizedFocal = normalizedFocal;
  }

  /**
   * Adds a row: {@code input} is the network's input image; {@code mesh} the reconstruction, in the
   * input camera's frame (OpenCV axes) when {@code cameraSpace} (Ray-ONet), else in the object
   * frame, y up (ONet), which has no input camera to render from; {@code delivered} the same surface
   * as the product is delivered (y up: {@code Product.mesh}), seen from the side and from behind.
   */
  public ReconstructionSheet add(String title, PreparedImage input, Mesh mesh, boolean cameraSpace, Mesh delivered) {
    return add(title, withMask(input), mesh, cameraSpace, delivered);
  }

  /** The crop of the photo the network saw, the background (outside the mask) faded three quarters to white. */
  public static BufferedImage withMask(PreparedImage input) {
    ProductPhoto photo = input.photo();
    Crop crop = input.crop();
    int side = input.size() * 2;
    int[] out = new int[side * side];
    double step = crop.regionSide() / side;
    for (int y = 0; y < side; y++) {
      int sy = (int) Math.floor(crop.regionY() + (y + 0.5) * step);
      for (int x = 0; x < side; x++) {
        int sx = (int) Math.floor(crop.regionX() + (x + 0.5) * step);
        int c = 0xffffff;
        if (sx >= 0 && sy >= 0 && sx < photo.width() && sy < photo.height()) {
          int i = sy * photo.width() + sx;
          c = photo.rgb()[i];
          if (!photo.mask()[i]) {
            c = fade(c >> 16 & 0xff) << 16 | fade(c >> 8 & 0xff) << 8 | fade(c & 0xff);
          }
        }
        out[y * side + x] = c;
      }
    }
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, side, side, out, 0, side);
    return image;
  }

  private static int fade(int channel) {
    return (channel + 3 * 255) / 4;
  }

  public ReconstructionSheet add(String title, BufferedImage input, Mesh mesh, boolean cameraSpace, Mesh delivered) {
    sheet.rowTitle(rows++, title);
    sheet.add(scaled(input), "input");
    if (mesh.isEmpty()) {
      sheet.add(blank(), "empty reconstruction").add(blank(), "").add(blank(), "");
      return this;
    }
    if (cameraSpace) {
      Camera same = new Camera(Intrinsics.centered(cell, cell, normalizedFocal), new Extrinsics(IDENTITY_R, new double[3]));
      sheet.add(renderer.render(mesh, same).toImage(false), "prediction, input camera");
    } else {
      sheet.add(blank(), "object frame: no input camera");
    }
    Mesh upright = Normalization.normalize(delivered);
    Intrinsics orbit = Intrinsics.centered(cell, cell, 1.1);
    sheet.add(renderer.render(upright, new Camera(orbit, Extrinsics.orbit(90, 15, 2.0))).toImage(false), "side");
    sheet.add(renderer.render(upright, new Camera(orbit, Extrinsics.orbit(180, 15, 2.0))).toImage(false), "behind");
    return this;
  }

  public BufferedImage render() {
    return sheet.render();
  }

  private BufferedImage scaled(BufferedImage input) {
    BufferedImage out = blank();
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(input, 0, 0, cell, cell, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private BufferedImage blank() {
    BufferedImage b = new BufferedImage(cell, cell, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = b.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, cell, cell);
    g.dispose();
    return b;
  }
}
