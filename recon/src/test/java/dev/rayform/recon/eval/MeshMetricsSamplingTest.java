package dev.rayform.recon.eval;

import static dev.rayform.recon.geometry.TestMeshes.box;
import static dev.rayform.recon.geometry.TestMeshes.icosphere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.InvalidMeshException;
import dev.rayform.recon.geometry.Mesh;
import org.junit.jupiter.api.Test;

/** Surface sampling and areas, the inputs of the surface metrics. */
class MeshMetricsSamplingTest {

  @Test
  void unitCubeHasAreaSix() {
    assertThat(box(0.5, 0.5, 0.5).area()).isCloseTo(6, within(1e-9));
  }

  @Test
  void samplesLieOnTheSurfaceWithTheFaceNormal() {
    SurfaceSamples s = SurfaceSampler.sample(icosphere(3, 0.3), 5_000, 1);
    assertThat(s.size()).isEqualTo(5_000);
    for (int i = 0; i < s.size(); i++) {
      float[] p = s.points(), n = s.normals();
      double r = Math.sqrt(p[3 * i] * p[3 * i] + p[3 * i + 1] * p[3 * i + 1] + p[3 * i + 2] * p[3 * i + 2]);
      assertThat(r).isBetween(0.29, 0.3001);
      double dot = (p[3 * i] * n[3 * i] + p[3 * i + 1] * n[3 * i + 1] + p[3 * i + 2] * n[3 * i + 2]) / r;
      assertThat(dot).isGreaterThan(0.99);
    }
  }

  @Test
  void samplesAreAreaWeighted() {
    // The two 1 x 0.2 faces normal to z hold 0.4 of the slab's 0.64 area.
    Mesh slab = box(0.5, 0.1, 0.05);
    SurfaceSamples s = SurfaceSampler.sample(slab, 40_000, 2);
    int onTopOrBottom = 0;
    for (int i = 0; i < s.size(); i++) {
      if (Math.abs(s.normals()[3 * i + 2]) > 0.5) {
        onTopOrBottom++;
      }
    }
    double expected = 2 * (1.0 * 0.2) / slab.area();
    assertThat(onTopOrBottom / 40_000.0).isCloseTo(expected, within(0.01));
  }

  @Test
  void seededSamplingIsReproducible() {
    Mesh m = icosphere(2, 0.3);
    assertThat(SurfaceSampler.sample(m, 100, 5).points()).containsExactly(SurfaceSampler.sample(m, 100, 5).points());
  }

  @Test
  void zeroAreaMeshCannotBeSampled() {
    assertThatThrownBy(() -> SurfaceSampler.sample(Mesh.empty(), 10, 1)).isInstanceOf(InvalidMeshException.class);
  }
}
