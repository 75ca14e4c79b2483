package dev.rayform.core.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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
}
