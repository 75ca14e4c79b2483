package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.TestMeshes;
import org.junit.jupiter.api.Test;

class CameraToObjectTest {

  @Test
  void undoesTheCameraAndTheObjectScale() {
    Mesh object = TestMeshes.icosphere(2, 0.3, 0.1, -0.2, 0.05);
    Extrinsics e = Extrinsics.orbit(35, 25, 1.3);
    double scale = 0.6;
    Mesh camera = object.translatedScaled(0, 0, 0, scale).transformed(e.worldToCameraMatrix());
    Mesh back = CameraToObject.toObject(camera, e, scale);
    for (int i = 0; i < object.positions().length; i++) {
      assertThat((double) back.positions()[i]).isCloseTo(object.positions()[i], within(1e-5));
    }
    assertThat(GenerationTestSupport.volume(back)).isCloseTo(GenerationTestSupport.volume(object), within(1e-6));
  }
}
