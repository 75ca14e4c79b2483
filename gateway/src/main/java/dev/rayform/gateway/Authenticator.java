package dev.rayform.gateway;

import dev.rayform.core.repo.Tenants;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves {@code Authorization: Bearer <key>} (or, where allowed, {@code ?access_token=}) to the
 * caller's tenant and stores it in the context; 401 otherwise. The request stays paused while the
 * key is looked up, so a body handler after this one sees the whole body. Each authenticated request takes
 * a token of its tenant's rate limit (429 {@code rate_limited} with Retry-After when none is left).
 */
final class Authenticator implements Handler<RoutingContext> {
  private static final String TENANT = "rayform.tenant";

  private final Tenants tenants;
  private final boolean allowQueryToken;
  private final RateLimiter limiter;

  Authenticator(Tenants tenants, boolean allowQueryToken, RateLimiter limiter) {
    this.tenants = tenants;
    this.allowQueryToken = allowQueryToken;
    this.limiter = limiter;
  }

  /** The authenticated tenant of the request. */
  static String tenant(RoutingContext ctx) {
    return ctx.get(TENANT);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String key = bearer(req.getHeader("Authorization"));
    if (key == null && allowQueryToken) {
      key = req.getParam("access_token");
    }
    if (key == null) {
      ctx.fail(ApiError.unauthorized());
      return;
    }
    if (!req.isEnded()) {
      req.pause();
    }
    tenants.authenticate(key).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        ctx.fail(ApiError.unauthorized());
      } else {
        String tenant = ar.result().get();
        long wait = limiter.tryAcquire(tenant);
        if (wait > 0) {
          ctx.fail(ApiError.tooManyRequests("rate_limited", "Too many requests for this tenant; retry after " + wait + " s", wait));
          return;
        }
        ctx.put(TENANT, tenant);
        ctx.next();
      }
    });
  }

  private static String bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? null : key;
  }
}
