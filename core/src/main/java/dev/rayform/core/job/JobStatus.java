package dev.rayform.core.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A job's life: {@code queued -> running -> succeeded | failed | canceled}; a running job whose
 * attempt fails with a retryable error goes back to {@code queued}; a queued job can be canceled
 * before it starts. Terminal states never change again.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  /** The states this one may move to. */
  public Set<JobStatus> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING, CANCELED, FAILED);
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELED, QUEUED);
      default -> EnumSet.noneOf(JobStatus.class);
    };
  }

  public boolean canMoveTo(JobStatus target) {
    return next().contains(target);
  }

  public static JobStatus fromApiName(String name) {
    for (JobStatus s : values()) {
      if (s.apiName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown job status '" + name + "'");
  }
}
