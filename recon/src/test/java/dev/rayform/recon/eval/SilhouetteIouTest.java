package dev.rayform.recon.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import org.junit.jupiter.api.Test;

class SilhouetteIouTest {
  // A camera 2 units in front of the origin, looking at it (OpenCV axes: R = identity, t = (0, 0, 2)).
  private static final DatasetBuilder.ViewRecord VIEW = new DatasetBuilder.ViewRecord(0, "view_00.png", 128, 128,
      128, 128, 64, 64, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 2}, 0, 0, 2, 1.0, 2);

  @Test
  void aMeshCoversItsOwnSilhouetteAndNothingCoversNothing() {
    Mesh box = MeshPrimitives.box(0.5, 0.5, 0.5);
    assertThat(SilhouetteIou.of(box, box, VIEW, 128)).isEqualTo(1.0);
    assertThat(SilhouetteIou.of(Mesh.of(new float[0], new int[0]), box, VIEW, 128)).isZero();
  }

  @Test
  void halfTheWidthIsHalfTheSilhouette() {
    // Two boxes of equal depth facing the camera, one half as wide: their squares' areas give 1/2.
    Mesh full = MeshPrimitives.box(0.5, 0.5, 0.1), half = MeshPrimitives.box(0.25, 0.5, 0.1);
    assertThat(SilhouetteIou.of(half, full, VIEW, 128)).isCloseTo(0.5, within(0.03));
  }
}
