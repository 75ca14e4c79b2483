package dev.rayform.recon.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealMeshOccupancyTest {

  @Test
  void aSingleSheetGetsAThinShellAndAClosedPartStaysSolid() {
    // A seat modelled as one open quad at y = 0, next to a closed box leg.
    Mesh seat = Mesh.of(new float[] {-0.5f, 0, -0.5f, 0.5f, 0, -0.5f, 0.5f, 0, 0.5f, -0.5f, 0, 0.5f}, new int[] {0, 2, 1, 0, 3, 2});
    Mesh leg = MeshPrimitives.box(0.1, 0.4, 0.1).translatedScaled(0, 0.25, 0, 1);
    RealMeshOccupancy occupancy = RealMeshOccupancy.of(Mesh.concat(List.of(seat, leg)), 0.005, 7);
    assertThat(occupancy.inside(0.1, 0.002, 0.1)).isTrue();
    assertThat(occupancy.inside(0.1, -0.003, -0.2)).isTrue();
    assertThat(occupancy.inside(0.1, 0.02, 0.1)).isFalse();
    assertThat(occupancy.inside(0.1, -0.02, 0.1)).isFalse();
    // Deep inside the closed leg, far from any surface: solid by the inside test.
    assertThat(occupancy.inside(0, -0.25, 0)).isTrue();
    assertThat(occupancy.inside(0.3, -0.25, 0.3)).isFalse();
  }
}
