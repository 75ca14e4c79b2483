package dev.rayform.recon.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatertightTest {

  @Test
  void closedOrientedMeshesPassAndOpenOrFlippedOnesFail() {
    assertThat(Watertight.check(MeshPrimitives.box(1, 1, 1))).isTrue();
    assertThat(Watertight.check(MeshPrimitives.icosphere(1, 2))).isTrue();
    assertThat(Watertight.check(Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2}))).isFalse();
    assertThat(Watertight.check(Mesh.empty())).isFalse();
    Mesh box = MeshPrimitives.box(1, 1, 1);
    int[] t = box.triangles().clone();
    int swap = t[1];
    t[1] = t[2];
    t[2] = swap;
    assertThat(Watertight.check(Mesh.of(box.positions(), t))).as("one face flipped").isFalse();
  }
}
