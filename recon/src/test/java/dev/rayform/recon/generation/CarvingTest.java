package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Carving by the input silhouette: nothing outside it, something along every ray inside it. */
class CarvingTest {
  @Test
  void aWeakRayKeepsItsMostLikelyDepthAndBackgroundRaysStayEmpty() {
    float nan = Float.NaN;
    float[] probs = {0.1f, 0.15f, 0.05f, /* ray 1: */ 0.1f, 0.6f, 0.3f, /* ray 2 (background): */ 0, 0, 0,
        /* ray 3: a NaN first depth is passed over */ nan, 0.1f, 0.05f};
    Reconstructor.liftWeakRays(probs, new boolean[] {true, true, false, true}, 3, 0.2f, 0);
    assertThat(probs).containsExactly(0.1f, 0.6f, 0.05f, 0.1f, 0.6f, 0.3f, 0, 0, 0, nan, 0.6f, 0.05f);
  }

  @Test
  void aFloorScalesEveryRayThatIsLessSureThanItAndLeavesTheOthers() {
    float nan = Float.NaN;
    float[] probs = {
        0.125f, 0.25f, 0.0625f, // nothing above the threshold: x3, two depths now cross it
        0.125f, 0.375f, 0.0625f, // above the threshold, below the floor: x2
        0.125f, 0.875f, 0.5f, // sure: left alone
        0.5f, 0, 0, // background: left alone
        0, 0, 0, // zeros: the first depth becomes surface
        nan, 0.125f, nan, // numbers that are not: the most likely of the others is scaled
        nan, nan, nan,
        Float.MIN_VALUE, 0, 0}; // a confidently empty ray: the scale (about 5e44) would overflow a float
    Reconstructor.liftWeakRays(probs, new boolean[] {true, true, true, false, true, true, true, true}, 3, 0.25f, 0.75f);
    assertThat(probs).containsExactly(
        0.375f, 0.75f, 0.1875f,
        0.25f, 0.75f, 0.125f,
        0.125f, 0.875f, 0.5f,
        0.5f, 0, 0,
        0.75f, 0, 0,
        nan, 0.75f, nan,
        0.75f, nan, nan,
        0.75f, 0, 0);
  }

  @Test
  void aFloorAtOrBelowTheThresholdIsRefused() {
    assertThatThrownBy(() -> ReconstructOptions.DEFAULT.withWeakRayFloor(ReconstructOptions.DEFAULT_THRESHOLD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weak-ray floor");
    assertThatThrownBy(() -> ReconstructOptions.DEFAULT.withWeakRayFloor(1f)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ReconstructOptions.DEFAULT.withWeakRayFloor(0.5f).weakRayFloor()).isEqualTo(0.5f);
  }

  @Test
  void aCarvedReconstructionStaysInsideTheSilhouetteSeenFromTheInputCamera() {
    // A dark square filling the middle quarter of the input: an untrained network's output outside
    // it is carved away, so the mesh projects inside the square.
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny(ModelConfig.RAYONET)), 3)) {
      int s = model.config().imageSize();
      BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, s, s);
      g.setColor(Color.DARK_GRAY);
      g.fillRect(s / 4, s / 4, s / 2, s / 2);
      g.dispose();
      ReconstructOptions carve = ReconstructOptions.DEFAULT.withResolution(32).withCarving(true);
      var result = new Reconstructor(model, carve).reconstruct(List.of(ImagePreprocessor.toChw(img)), new double[] {1.5}).get(0);
      assertThat(result.mesh().isEmpty()).isFalse();
      double f = model.info().normalizedFocal();
      for (int v = 0; v < result.mesh().vertexCount(); v++) {
        // Normalised image coordinates of the vertex: within the square's quarter margins (one ray of slack).
        double x = f * result.mesh().x(v) / result.mesh().z(v) + 0.5, y = f * result.mesh().y(v) / result.mesh().z(v) + 0.5;
        assertThat(x).isBetween(0.25 - 1.5 / 32, 0.75 + 1.5 / 32);
        assertThat(y).isBetween(0.25 - 1.5 / 32, 0.75 + 1.5 / 32);
      }
    }
  }
}
