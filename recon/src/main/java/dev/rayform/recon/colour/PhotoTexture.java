package dev.rayform.recon.colour;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Texture;
import dev.rayform.recon.image.Crop;
import dev.rayform.recon.image.ProductPhoto;

/**
 * Colours a Ray-ONet reconstruction from the photo it came from. The mesh is in the input camera's
 * frame, so every vertex projects to a point of the photo: its texture coordinates are that
 * projection, and the texture is the photo's square crop the network saw, at full resolution.
 * Surfaces the camera sees take the photo's colours exactly; surfaces it cannot see (the back, the
 * far sides) take the colour of the visible surface in front of them along the view, the
 * front-to-back symmetry most products have. Texels outside the product's mask (the background,
 * its anti-aliased rim, the crop's padding) are filled from the nearest product texels by
 * push-pull, so no vertex ever takes the background's colour. The photo's light and shadow are
 * taken out of the colours as far as a first-order model can ({@link Shading}), so the mesh looks
 * right under a viewer's own lights.
 */
public final class PhotoTexture {
  /** The texture's side in pixels by default. */
  public static final int DEFAULT_SIZE = 1024;
  public static final int MIN_SIZE = 16;
  public static final int MAX_SIZE = 4096;

  private PhotoTexture() {}

  /**
   * The camera-frame {@code mesh} (OpenCV axes: x right, y down, z forward, the network's input
   * camera with focal {@code normalizedFocal} image widths) with texture coordinates and a
   * {@code size x size} texture cut from {@code photo} where {@code crop} says the network's input
   * came from.
   */
  public static Mesh colour(Mesh mesh, double normalizedFocal, ProductPhoto photo, Crop crop, int size) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("texture size must be " + MIN_SIZE + "-" + MAX_SIZE + ", got " + size);
    }
    if (mesh.isEmpty()) {
      return mesh;
    }
    return mesh.withTexture(projection(mesh, normalizedFocal), texture(photo, crop, size, mesh, normalizedFocal));
  }

  /** Each vertex's projection into the input image, in [0, 1] over its sides when inside it. */
  static float[] projection(Mesh mesh, double normalizedFocal) {
    float[] uv = new float[2 * mesh.vertexCount()];
    for (int v = 0; v < mesh.vertexCount(); v++) {
      double z = Math.max(1e-6, mesh.z(v));
      uv[2 * v] = (float) (normalizedFocal * mesh.x(v) / z + 0.5);
      uv[2 * v + 1] = (float) (normalizedFocal * mesh.y(v) / z + 0.5);
    }
    return uv;
  }

  /** The crop's square of the photo at {@code size x size}, background texels filled from the product. */
  static Texture texture(ProductPhoto photo, Crop crop, int size) {
    return texture(photo, crop, size, null, 0);
  }

  /**
   * {@link #texture(ProductPhoto, Crop, int)} with the photo's shading taken out where the camera-frame
   * {@code mesh} is seen ({@link Shading}); null: the photo's colours as they are.
   */
  static Texture texture(ProductPhoto photo, Crop crop, int size, Mesh mesh, double normalizedFocal) {
    int w = photo.width(), h = photo.height();
    boolean[] shows = new boolean[w * h];
    for (int i = 0; i < shows.length; i++) {
      shows[i] = photo.showsProduct(i);
    }
    boolean[] inner = eroded(shows, w, h);
    double step = crop.regionSide() / size;
    int k = Math.max(1, Math.min(4, (int) Math.ceil(step)));
    float[] r = new float[size * size], g = new float[size * size], b = new float[size * size], weight = new float[size * size];
    int[] rgb = photo.rgb();
    for (int ty = 0; ty < size; ty++) {
      for (int tx = 0; tx < size; tx++) {
        int known = 0;
        long sr = 0, sg = 0, sb = 0;
        for (int j = 0; j < k; j++) {
          int sy = (int) Math.floor(crop.regionY() + (ty + (j + 0.5) / k) * step);
          for (int i = 0; i < k; i++) {
            int sx = (int) Math.floor(crop.regionX() + (tx + (i + 0.5) / k) * step);
            if (sx < 0 || sy < 0 || sx >= w || sy >= h || !inner[sy * w + sx]) {
              continue;
            }
            int p = rgb[sy * w + sx];
            sr += p >> 16 & 0xff;
            sg += p >> 8 & 0xff;
            sb += p & 0xff;
            known++;
          }
        }
        int t = ty * size + tx;
        if (2 * known >= k * k) {
          r[t] = sr / (float) known;
          g[t] = sg / (float) known;
          b[t] = sb / (float) known;
          weight[t] = 1;
        }
      }
    }
    if (mesh != null) {
      Shading.remove(r, g, b, weight, size, mesh, normalizedFocal);
    }
    PushPull.fill(r, g, b, weight, size, size);
    int[] out = new int[size * size];
    for (int t = 0; t < out.length; t++) {
      out[t] = to8(r[t]) << 16 | to8(g[t]) << 8 | to8(b[t]);
    }
    return Texture.of(size, size, out);
  }

  /** The mask less its one-pixel rim, where the product's edge blends with the background. */
  static boolean[] eroded(boolean[] mask, int w, int h) {
    boolean[] out = new boolean[mask.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        out[i] = mask[i] && (x == 0 || mask[i - 1]) && (x == w - 1 || mask[i + 1])
            && (y == 0 || mask[i - w]) && (y == h - 1 || mask[i + w]);
      }
    }
    return out;
  }

  private static int to8(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }
}
