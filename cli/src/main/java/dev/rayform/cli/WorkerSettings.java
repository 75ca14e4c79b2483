package dev.rayform.cli;

import dev.rayform.core.job.JobType;
import dev.rayform.recon.model.ComputeDevice;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a worker process takes on: the job types it consumes (their Kafka topics; DESIGN.md: a GPU
 * worker takes reconstruct/catalog/train/evaluate, a CPU worker dataset) and the device its networks
 * run on.
 */
record WorkerSettings(Set<JobType> jobTypes, ComputeDevice device) {
  WorkerSettings {
    if (jobTypes.isEmpty()) {
      throw new IllegalArgumentException("a worker needs at least one job type");
    }
    jobTypes = Set.copyOf(jobTypes);
  }

  /** Every job type, on DJL's default device. */
  static WorkerSettings defaults() {
    return new WorkerSettings(EnumSet.allOf(JobType.class), ComputeDevice.AUTO);
  }

  /**
   * A comma-separated list of job types ({@code reconstruct,catalog}); null, blank or {@code all}
   * is every type.
   *
   * @throws IllegalArgumentException for an unknown type, naming the known ones
   */
  static Set<JobType> parseJobTypes(String list) {
    if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("all")) {
      return EnumSet.allOf(JobType.class);
    }
    Set<JobType> types = EnumSet.noneOf(JobType.class);
    for (String name : list.split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      types.add(JobType.fromApiName(n).orElseThrow(() -> new IllegalArgumentException("unknown job type '" + name.strip()
          + "' (known: " + Arrays.stream(JobType.values()).map(JobType::apiName).collect(Collectors.joining(", ")) + ", or all)")));
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no job type in '" + list + "'");
    }
    return types;
  }
}
