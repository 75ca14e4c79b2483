package dev.rayform.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobStatusTest {

  @Test
  void terminalStatesNeverChange() {
    for (JobStatus s : JobStatus.values()) {
      assertThat(s.next().isEmpty()).as(s.name()).isEqualTo(s.isTerminal());
    }
  }

  @Test
  void theLifeOfAJob() {
    assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.RUNNING)).isTrue();
    assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.CANCELED)).isTrue();
    assertThat(JobStatus.RUNNING.canMoveTo(JobStatus.QUEUED)).as("retry").isTrue();
    assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.SUCCEEDED)).isFalse();
    assertThat(JobStatus.SUCCEEDED.canMoveTo(JobStatus.RUNNING)).isFalse();
  }

  @Test
  void apiNamesRoundTrip() {
    for (JobStatus s : JobStatus.values()) {
      assertThat(JobStatus.fromApiName(s.apiName())).isEqualTo(s);
    }
    assertThatThrownBy(() -> JobStatus.fromApiName("done")).hasMessageContaining("done");
    for (JobType t : JobType.values()) {
      assertThat(JobType.fromApiName(t.apiName())).contains(t);
      assertThat(t.topic()).isEqualTo("rayform.jobs." + t.apiName());
    }
    assertThat(JobType.fromApiName("render")).isEmpty();
  }
}
