package dev.rayform.recon.colour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.render.RenderOptions;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PhotoTextureTest {
  private static final double FOCAL = 1.4;
  private static final int SIZE = 224;

  /** A product (a red-to-blue gradient square) in the middle of a white photo. */
  private static BufferedImage photo() {
    BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 200; x++) {
        boolean product = x >= 50 && x < 150 && y >= 50 && y < 150;
        int t = Math.max(0, Math.min(255, (x - 50) * 255 / 99));
        img.setRGB(x, y, product ? (255 - t) << 16 | (40 + y / 4) << 8 | t : 0xffffff);
      }
    }
    return img;
  }

  /** A plane facing the camera at depth 2 covering the whole view, as a grid of n x n cells. */
  private static Mesh plane(int n) {
    double half = 0.5 * 2 / FOCAL * 1.2;
    float[] p = new float[3 * (n + 1) * (n + 1)];
    for (int j = 0; j <= n; j++) {
      for (int i = 0; i <= n; i++) {
        int v = j * (n + 1) + i;
        p[3 * v] = (float) (-half + 2 * half * i / n);
        p[3 * v + 1] = (float) (-half + 2 * half * j / n);
        p[3 * v + 2] = 2f;
      }
    }
    int[] t = new int[6 * n * n];
    int k = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int a = j * (n + 1) + i, b = a + 1, c = a + n + 1, d = c + 1;
        t[k++] = a;
        t[k++] = c;
        t[k++] = b;
        t[k++] = b;
        t[k++] = c;
        t[k++] = d;
      }
    }
    return Mesh.of(p, t);
  }

  @Test
  void verticesTakeTheirProjectionIntoTheInputImage() {
    Mesh mesh = Mesh.of(new float[] {0, 0, 2, 0.5f, -0.25f, 1, 0, 0, 3}, new int[] {0, 1, 2});
    float[] uv = PhotoTexture.projection(mesh, FOCAL);
    assertThat(uv).containsExactly(0.5f, 0.5f, (float) (FOCAL * 0.5 + 0.5), (float) (-FOCAL * 0.25 + 0.5), 0.5f, 0.5f);
  }

  @Test
  void renderedUnlitFromTheInputCameraTheMeshShowsThePhoto() {
    PreparedImage input = ImagePreprocessor.prepare(photo(), SIZE);
    Mesh coloured = PhotoTexture.colour(plane(40), FOCAL, input.photo(), input.crop(), 512);
    Rendering r = new Renderer(RenderOptions.UNLIT).render(coloured,
        new Camera(Intrinsics.centered(SIZE, SIZE, FOCAL), new Extrinsics(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3])));
    int[] expected = input.rgb().getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
    double diff = 0;
    int n = 0;
    for (int y = 2; y < SIZE - 2; y++) {
      for (int x = 2; x < SIZE - 2; x++) {
        int e = expected[y * SIZE + x] & 0xffffff;
        // Inside the product, away from its one-pixel rim.
        if (e == 0xffffff || (expected[y * SIZE + x - 2] & 0xffffff) == 0xffffff || (expected[y * SIZE + x + 2] & 0xffffff) == 0xffffff
            || (expected[(y - 2) * SIZE + x] & 0xffffff) == 0xffffff || (expected[(y + 2) * SIZE + x] & 0xffffff) == 0xffffff) {
          continue;
        }
        int g = r.rgb()[y * SIZE + x];
        for (int s = 0; s < 24; s += 8) {
          diff += Math.abs((e >> s & 0xff) - (g >> s & 0xff));
        }
        n += 3;
      }
    }
    assertThat(n).isGreaterThan(3 * 5000);
    assertThat(diff / n).as("mean difference per channel (0-255)").isLessThan(3);
  }

  @Test
  void theBackgroundIsFilledWithTheProductsColoursNeverItsOwn() {
    PreparedImage input = ImagePreprocessor.prepare(photo(), SIZE);
    var texture = PhotoTexture.texture(input.photo(), input.crop(), 128);
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        int c = texture.pixel(x, y);
        assertThat(Math.min(c >> 16 & 0xff, c & 0xff)).as("texel %d,%d = %06x: red or blue dominates, never white", x, y, c)
            .isLessThan(200);
      }
    }
    // The corner beyond the product's left edge takes the left edge's red, the right one its blue.
    assertThat(texture.pixel(2, 64) >> 16 & 0xff).isGreaterThan(200);
    assertThat(texture.pixel(125, 64) & 0xff).isGreaterThan(200);
  }
}
