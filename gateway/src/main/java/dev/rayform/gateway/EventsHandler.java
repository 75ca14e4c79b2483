package dev.rayform.gateway;

import dev.rayform.core.job.JobEvent;
import dev.rayform.core.job.JobRepository;
import dev.rayform.gateway.events.EventHub;
import dev.rayform.gateway.events.EventSubscription;
import dev.rayform.gateway.events.WebSocketEventSink;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/events}: checks the key, the parameters and (with {@code job}) that the job is the
 * caller's, all before the upgrade, so errors are plain JSON responses; then the websocket gets a
 * subscription on the hub (registered before any replay, so nothing falls between the two).
 */
final class EventsHandler {
  private final EventHub hub;
  private final JobRepository jobs;
  private final int queueBound;
  private final long pingMillis;

  EventsHandler(EventHub hub, JobRepository jobs, GatewayOptions options) {
    this.hub = hub;
    this.jobs = jobs;
    this.queueBound = options.eventQueueBound();
    // A quiet socket is pinged at half the server's idle timeout, so only dead peers are timed out.
    this.pingMillis = options.idleTimeout() == null || options.idleTimeout().toMillis() <= 0 ? 0
        : Math.max(500, options.idleTimeout().toMillis() / 2);
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String job = req.getParam("job");
    String sinceRaw = req.getParam("since");
    if (job != null && !Pages.isId(job)) {
      throw ApiError.badRequest("job must be a job id");
    }
    Long since = null;
    if (sinceRaw != null) {
      if (job == null) {
        throw ApiError.badRequest("since requires job");
      }
      try {
        since = Long.parseLong(sinceRaw);
      } catch (NumberFormatException e) {
        since = -1L;
      }
      if (since < 0) {
        throw ApiError.badRequest("since must be an integer >= 0");
      }
    }
    if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
      throw ApiError.badRequest("GET /v1/events is a websocket: send Upgrade: websocket");
    }
    String tenant = Authenticator.tenant(ctx);
    Long from = since;
    Future<Void> owned = job == null ? Future.succeededFuture()
        : jobs.get(tenant, job).compose(j -> j.isPresent() ? Future.succeededFuture() : Future.failedFuture(JobsHandler.jobNotFound(job)));
    owned.compose(v -> req.toWebSocket()).onSuccess(ws -> {
      EventSubscription.History history = (jobId, after, limit) -> jobs.events(tenant, jobId, after, limit)
          .map(events -> events.stream().map(JobEvent::toJson).toList());
      EventSubscription sub = new EventSubscription(job, new WebSocketEventSink(ws), history, queueBound);
      hub.register(tenant, sub);
      long ping = pingMillis > 0 ? ctx.vertx().setPeriodic(pingMillis, t -> {
        if (!ws.isClosed()) {
          ws.writePing(io.vertx.core.buffer.Buffer.buffer());
        }
      }) : -1;
      ws.closeHandler(x -> {
        if (ping >= 0) {
          ctx.vertx().cancelTimer(ping);
        }
        sub.closed();
        hub.unregister(tenant, sub);
      });
      ws.textMessageHandler(text -> {});
      ws.binaryMessageHandler(b -> {});
      if (from != null) {
        sub.replayFrom(from);
      }
    }).onFailure(e -> {
      if (!ctx.response().ended()) {
        ctx.fail(e);
      }
    });
  }

}
