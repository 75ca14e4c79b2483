package dev.rayform.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant, in this gateway process: {@code burst} requests at once, refilled at
 * {@code perSecond}. With several gateways each enforces its own share.
 */
final class RateLimiter {
  private final double perSecond;
  private final int burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  boolean enabled() {
    return perSecond > 0;
  }

  /** Takes a token: 0 when the request may go, else the whole seconds until a token is back (at least 1). */
  long tryAcquire(String tenant) {
    if (!enabled()) {
      return 0;
    }
    return buckets.computeIfAbsent(tenant, t -> new Bucket(burst, System.nanoTime())).take(perSecond, burst, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized long take(double perSecond, int burst, long now) {
      tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
  }
}
