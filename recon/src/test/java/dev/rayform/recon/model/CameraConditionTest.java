package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rayform.recon.ReconException;
import org.junit.jupiter.api.Test;

class CameraConditionTest {
  private static final ModelConfig WITH_ELEVATION = ModelConfig.tiny("rayonet").withElevation(true);

  @Test
  void sThenTheKnownFlagAndTheElevationInTensOfDegreesFromThirty() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray c = CameraCondition.of(m, WITH_ELEVATION, new float[] {1.3f, 1.4f, 1.5f, 1.2f}, new float[] {50, 30, Float.NaN, 5});
      assertThat(c.getShape()).isEqualTo(new Shape(4, 3));
      assertThat(c.toFloatArray()).containsExactly(
          1.3f, 1, 2,
          1.4f, 1, 0,
          1.5f, 0, 0,
          1.2f, 1, -2.5f);
      assertThat(WITH_ELEVATION.conditionDim()).isEqualTo(WITH_ELEVATION.latentDim() + 3);
    }
  }

  @Test
  void anUnknownElevationIsTwoZerosAndANetworkWithoutTheInputReadsSAlone() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(CameraCondition.of(m, WITH_ELEVATION, new float[] {1.3f}, null).toFloatArray()).containsExactly(1.3f, 0, 0);
      assertThat(CameraCondition.of(m, WITH_ELEVATION, 1.3, Double.POSITIVE_INFINITY).toFloatArray()).containsExactly(1.3f, 0, 0);
      ModelConfig plain = ModelConfig.tiny("rayonet");
      NDArray s = CameraCondition.of(m, plain, new float[] {1.3f, 1.1f}, new float[] {50, 20});
      assertThat(s.getShape()).isEqualTo(new Shape(2, 1));
      assertThat(s.toFloatArray()).containsExactly(1.3f, 1.1f);
      NDArray none = CameraCondition.of(m, plain.withAblation(false, true, true), new float[] {1.3f}, null);
      assertThat(none.getShape()).isEqualTo(new Shape(1, 1));
      assertThat(none.toFloatArray()).containsExactly(0f);
    }
  }

  @Test
  void onlyARayOnetConditionedOnSReadsTheElevation() {
    assertThatThrownBy(() -> ModelConfig.tiny("onet").withElevation(true))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("invalid_config"));
    assertThatThrownBy(() -> ModelConfig.tiny("rayonet").withAblation(false, true, true).withElevation(true))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("invalid_config"));
    assertThat(WITH_ELEVATION.withAblation(false, true, true).useElevation()).as("dropping s drops the elevation with it").isFalse();
  }
}
