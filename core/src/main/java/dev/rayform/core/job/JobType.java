package dev.rayform.core.job;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of job, each with its own Kafka topic so a long training job never delays catalogue
 * inference. {@code gpu} says whether the work wants the accelerator workers (DESIGN.md: a GPU
 * worker takes reconstruct/catalog/train/evaluate, a CPU worker takes dataset).
 */
public enum JobType {
  RECONSTRUCT(true),
  CATALOG(true),
  DATASET(false),
  TRAIN(true),
  EVALUATE(true);

  private final boolean gpu;

  JobType(boolean gpu) {
    this.gpu = gpu;
  }

  public boolean prefersGpu() {
    return gpu;
  }

  /** The API's name: lower case. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Kafka topic its jobs are published to. */
  public String topic() {
    return Topics.JOBS_PREFIX + apiName();
  }

  public static Optional<JobType> fromApiName(String name) {
    return Arrays.stream(values()).filter(t -> t.apiName().equals(name)).findFirst();
  }

  /**
   * A comma-separated list of job types ({@code reconstruct,catalog}, any case); null, blank or
   * {@code all} is every type.
   *
   * @throws IllegalArgumentException for an unknown type, naming the known ones
   */
  public static Set<JobType> parseList(String list) {
    if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("all")) {
      return EnumSet.allOf(JobType.class);
    }
    Set<JobType> types = EnumSet.noneOf(JobType.class);
    for (String name : list.split(",")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      types.add(fromApiName(n).orElseThrow(() -> new IllegalArgumentException("unknown job type '" + name.strip()
          + "' (known: " + Arrays.stream(values()).map(JobType::apiName).collect(Collectors.joining(", ")) + ", or all)")));
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("no job type in '" + list + "'");
    }
    return types;
  }
}
