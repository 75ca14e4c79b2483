package dev.rayform.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@code serve --job-types}'s list: comma-separated API names, any case; empty or {@code all} is every type. */
class JobTypeTest {
  @Test
  void listsParseFromCommaSeparatedNames() {
    assertThat(JobType.parseList("reconstruct, catalog,train ,evaluate"))
        .containsExactlyInAnyOrder(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE);
    assertThat(JobType.parseList("DATASET,")).containsExactly(JobType.DATASET);
    assertThat(JobType.parseList(null)).isEqualTo(EnumSet.allOf(JobType.class));
    assertThat(JobType.parseList("all")).isEqualTo(EnumSet.allOf(JobType.class));
    assertThatThrownBy(() -> JobType.parseList("reconstruct,render"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown job type 'render'").hasMessageContaining("reconstruct, catalog, dataset, train, evaluate");
    assertThatThrownBy(() -> JobType.parseList(" , ")).isInstanceOf(IllegalArgumentException.class);
  }
}
