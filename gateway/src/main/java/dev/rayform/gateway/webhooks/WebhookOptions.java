package dev.rayform.gateway.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered.
 *
 * @param retrySchedule waits before the 2nd, 3rd, ... attempt; a delivery makes {@code size() + 1} attempts
 * @param timeout how long one attempt may take, connect to last byte
 * @param disableAfter consecutive deliveries that failed on every attempt before the endpoint is disabled
 * @param allowPrivate deliver to loopback, private and link-local addresses too (development only)
 * @param pollInterval how often the dispatcher looks for due attempts
 * @param batch attempts claimed (and sent concurrently) per poll
 * @param lease how long a claimed attempt stays invisible to other dispatchers (above {@code timeout})
 * @param secretOverlap how long a rotated-out secret keeps signing alongside the new one
 */
public record WebhookOptions(
    List<Duration> retrySchedule,
    Duration timeout,
    int disableAfter,
    boolean allowPrivate,
    Duration pollInterval,
    int batch,
    Duration lease,
    Duration secretOverlap) {

  /** Eight attempts over about 27 hours. */
  public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

  public WebhookOptions {
    retrySchedule = List.copyOf(retrySchedule);
    if (disableAfter < 1 || batch < 1 || lease.compareTo(timeout) <= 0) {
      throw new IllegalArgumentException("disableAfter and batch must be positive and the lease longer than the timeout");
    }
  }

  public static WebhookOptions defaults() {
    return new WebhookOptions(DEFAULT_SCHEDULE, Duration.ofSeconds(15), 5, false, Duration.ofSeconds(1), 16, Duration.ofSeconds(60),
        Duration.ofHours(24));
  }

  public int maxAttempts() {
    return retrySchedule.size() + 1;
  }

  public WebhookOptions withAllowPrivate(boolean allow) {
    return new WebhookOptions(retrySchedule, timeout, disableAfter, allow, pollInterval, batch, lease, secretOverlap);
  }

  public WebhookOptions withRetrySchedule(List<Duration> schedule) {
    return new WebhookOptions(schedule, timeout, disableAfter, allowPrivate, pollInterval, batch, lease, secretOverlap);
  }

  public WebhookOptions withDisableAfter(int deliveries) {
    return new WebhookOptions(retrySchedule, timeout, deliveries, allowPrivate, pollInterval, batch, lease, secretOverlap);
  }

  public WebhookOptions withPollInterval(Duration interval) {
    return new WebhookOptions(retrySchedule, timeout, disableAfter, allowPrivate, interval, batch, lease, secretOverlap);
  }

  public WebhookOptions withTimeout(Duration t) {
    return new WebhookOptions(retrySchedule, t, disableAfter, allowPrivate, pollInterval, batch, lease, secretOverlap);
  }
}
