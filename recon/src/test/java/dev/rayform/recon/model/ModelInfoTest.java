package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What model.json says of a network's training data when it came from several. */
class ModelInfoTest {
  @Test
  void theDatasetUnionNamesEachDatasetOnceInOrderOfFirstAppearance() {
    assertThat(ModelInfo.datasetUnion(Arrays.asList("proc+sh3d", null, "sh3d+other", "proc"))).isEqualTo("proc+sh3d+other");
    assertThat(ModelInfo.datasetUnion(List.of("sh3d", "proc+sh3d"))).isEqualTo("sh3d+proc");
    assertThat(ModelInfo.datasetUnion(List.of("proc"))).isEqualTo("proc");
  }

  @Test
  void noKnownDatasetIsNull() {
    assertThat(ModelInfo.datasetUnion(List.of())).isNull();
    assertThat(ModelInfo.datasetUnion(Arrays.asList(null, null))).isNull();
    assertThat(ModelInfo.datasetUnion(List.of("", "+"))).isNull();
  }
}
