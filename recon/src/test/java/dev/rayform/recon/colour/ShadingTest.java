package dev.rayform.recon.colour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.render.RenderOptions;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShadingTest {
  private static final double FOCAL = 1.4;
  private static final int SIZE = 256;
  private static final Camera CAMERA = new Camera(Intrinsics.centered(SIZE, SIZE, FOCAL),
      new Extrinsics(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]));

  @Test
  void theFitRecoversTheLightOfAnExactLogLinearShadingWhateverEachColoursAlbedo() {
    int n = Shading.GRID * Shading.GRID;
    float[] normals = new float[3 * n];
    double[] logY = new double[n];
    int[] group = new int[n];
    boolean[] used = new boolean[n];
    java.util.Random random = new java.util.Random(3);
    double[] gamma = {-0.2, -0.3, 0.1};
    double[] albedo = {4.0, 3.1, 5.2, 2.2, 4.4, 3.3, 4.9};
    for (int c = 0; c < 3000; c++) {
      double x = random.nextGaussian(), y = random.nextGaussian(), z = -Math.abs(random.nextGaussian()), len = Math.sqrt(x * x + y * y + z * z);
      normals[3 * c] = (float) (x / len);
      normals[3 * c + 1] = (float) (y / len);
      normals[3 * c + 2] = (float) (z / len);
      group[c] = c % albedo.length;
      logY[c] = albedo[group[c]] + gamma[0] * normals[3 * c] + gamma[1] * normals[3 * c + 1] + gamma[2] * normals[3 * c + 2];
      used[c] = true;
    }
    double[] fitted = Shading.fit(logY, group, used, normals);
    assertThat(fitted[0]).isCloseTo(gamma[0], within(1e-5));
    assertThat(fitted[1]).isCloseTo(gamma[1], within(1e-5));
    assertThat(fitted[2]).isCloseTo(gamma[2], within(1e-5));
    // One normal everywhere (a flat face): light cannot be told from albedo, and nothing is fitted.
    for (int c = 0; c < 3000; c++) {
      normals[3 * c] = 0;
      normals[3 * c + 1] = 0;
      normals[3 * c + 2] = -1;
    }
    assertThat(Shading.fit(logY, group, used, normals)).isNull();
  }

  @Test
  void aUniformlyColouredBallLitFromAboveLeftComesOutMoreEvenlyColouredAndAsBright() {
    Mesh sphere = MeshPrimitives.icosphere(0.5, 4).translatedScaled(0, 0, -2.5, 1)
        .withSinglePart("ball", new float[] {0.8f, 0.45f, 0.25f});
    Rendering lit = new Renderer(RenderOptions.DEFAULT).render(sphere, CAMERA);
    PreparedImage input = ImagePreprocessor.prepareFramed(lit.toImage(false), SIZE);
    Mesh plain = sphere.withoutNormals().withTexture(PhotoTexture.projection(sphere, FOCAL),
        PhotoTexture.texture(input.photo(), input.crop(), SIZE));
    Mesh deshaded = PhotoTexture.colour(sphere.withoutNormals(), FOCAL, input.photo(), input.crop(), SIZE);
    double[] before = luminance(new Renderer(RenderOptions.UNLIT).render(plain, CAMERA));
    double[] after = luminance(new Renderer(RenderOptions.UNLIT).render(deshaded, CAMERA));
    // [mean, coefficient of variation, mean of the darkest tenth]
    System.out.printf("ball: mean %.1f -> %.1f, spread %.3f -> %.3f, darkest tenth %.1f -> %.1f%n",
        before[0], after[0], before[1], after[1], before[2], after[2]);
    assertThat(after[1]).as("spread of the ball's brightness").isLessThan(0.7 * before[1]);
    assertThat(after[2]).as("the shadowed side").isGreaterThan(before[2] * 1.1);
    assertThat(after[0]).as("overall brightness").isCloseTo(before[0], within(0.06 * before[0]));
  }

  /** Mean, coefficient of variation and mean of the darkest tenth of the luminance well inside the silhouette. */
  private static double[] luminance(Rendering r) {
    double[] values = new double[SIZE * SIZE];
    int n = 0;
    for (int y = 3; y < SIZE - 3; y++) {
      for (int x = 3; x < SIZE - 3; x++) {
        boolean inside = true;
        for (int d = -3; d <= 3 && inside; d += 3) {
          inside = r.alpha()[(y + d) * SIZE + x] > 0.99f && r.alpha()[y * SIZE + x + d] > 0.99f;
        }
        if (inside) {
          int c = r.rgb()[y * SIZE + x];
          values[n++] = 0.299 * (c >> 16 & 0xff) + 0.587 * (c >> 8 & 0xff) + 0.114 * (c & 0xff);
        }
      }
    }
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    double mean = Arrays.stream(v).average().orElseThrow();
    double var = Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElseThrow();
    double dark = Arrays.stream(v, 0, n / 10).average().orElseThrow();
    return new double[] {mean, Math.sqrt(var) / mean, dark};
  }
}
