package dev.rayform.recon.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MeshCleanupTest {
  @Test
  void fragmentsFarSmallerThanTheMainPieceGoAndComparablePiecesStay() {
    Mesh main = MeshPrimitives.icosphere(0.5, 2);
    Mesh speck = MeshPrimitives.box(0.01, 0.01, 0.01).translatedScaled(-2, 0, 0, 1);
    Mesh leg = MeshPrimitives.box(0.05, 0.6, 0.05).translatedScaled(0, 2, 0, 1);
    Mesh cleaned = MeshCleanup.dropFragments(Mesh.concat(List.of(main, speck, leg)), MeshCleanup.FRAGMENT_SHARE);
    assertThat(cleaned.faceCount()).isEqualTo(main.faceCount() + leg.faceCount());
    assertThat(cleaned.vertexCount()).isEqualTo(main.vertexCount() + leg.vertexCount());
    assertThat(cleaned.bounds().minX()).as("the speck at x = 2 is gone").isGreaterThan(-1);
    assertThat(Watertight.check(cleaned)).isTrue();
  }

  @Test
  void taubinSmoothingTakesOutNoiseAndKeepsTheVolume() {
    Mesh sphere = MeshPrimitives.icosphere(0.5, 3);
    float[] p = sphere.positions().clone();
    Random random = new Random(7);
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.01 * random.nextGaussian());
    }
    Mesh noisy = Mesh.of(p, sphere.triangles());
    Mesh smooth = MeshCleanup.smooth(noisy, 10);
    assertThat(radiusSpread(smooth)).as("bumps flattened").isLessThan(0.5 * radiusSpread(noisy));
    assertThat(volume(smooth)).as("no shrinking").isCloseTo(volume(noisy), within(0.02 * volume(noisy)));
    assertThat(smooth.faceCount()).isEqualTo(noisy.faceCount());
    assertThat(MeshCleanup.smooth(noisy, 0)).isSameAs(noisy);
  }

  private static double radiusSpread(Mesh m) {
    double sum = 0, sq = 0;
    for (int v = 0; v < m.vertexCount(); v++) {
      double r = Math.sqrt(m.x(v) * m.x(v) + m.y(v) * m.y(v) + m.z(v) * m.z(v));
      sum += r;
      sq += r * r;
    }
    double mean = sum / m.vertexCount();
    return Math.sqrt(sq / m.vertexCount() - mean * mean);
  }

  private static double volume(Mesh m) {
    double v = 0;
    int[] t = m.triangles();
    for (int f = 0; f < m.faceCount(); f++) {
      int a = t[3 * f], b = t[3 * f + 1], c = t[3 * f + 2];
      v += m.x(a) * (m.y(b) * m.z(c) - m.z(b) * m.y(c)) - m.y(a) * (m.x(b) * m.z(c) - m.z(b) * m.x(c))
          + m.z(a) * (m.x(b) * m.y(c) - m.y(b) * m.x(c));
    }
    return Math.abs(v) / 6;
  }
}
