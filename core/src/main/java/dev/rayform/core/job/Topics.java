package dev.rayform.core.job;

/** Kafka topic names, and the consumer group of the workers that read the job topics. */
public final class Topics {
  /** Job topics: {@code rayform.jobs.<type>}. */
  public static final String JOBS_PREFIX = "rayform.jobs.";
  /** Jobs that failed every attempt, for inspection and replay. */
  public static final String DEAD_LETTER = "rayform.jobs.dead-letter";
  /** Job events fanned out to the gateways (websockets) and the webhook dispatcher. */
  public static final String EVENTS = "rayform.events";

  /** The workers' consumer group on the job topics (the gateway measures its lag). */
  public static final String WORKER_GROUP = "rayform-workers";

  private Topics() {}
}
