package dev.rayform.gateway.webhooks;

import dev.rayform.core.webhook.AttemptResult;
import dev.rayform.core.webhook.DueDelivery;
import dev.rayform.core.webhook.WebhookRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook attempts: polls PostgreSQL for due attempts (claimed with a lease, so several
 * dispatchers share the work and a crash only delays an attempt), checks the target against the
 * SSRF guard again, signs and POSTs each one to the checked address with a time limit and no
 * redirects, and records the outcome, which schedules the next attempt or counts the failure.
 */
public final class WebhookDispatcher extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int KEEP_BODY = 1024;

  private final WebhookRepository repo;
  private final WebhookOptions options;
  private final WebhookTargets targets;
  private HttpClient client;
  private long timer = -1;
  private boolean polling;

  public WebhookDispatcher(WebhookRepository repo, WebhookOptions options) {
    this.repo = repo;
    this.options = options;
    this.targets = new WebhookTargets(options.allowPrivate());
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) options.timeout().toMillis())
        .setKeepAlive(false), new PoolOptions().setHttp1MaxSize(options.batch()));
    timer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> poll());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return client == null ? Future.succeededFuture() : client.close();
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    repo.claimDue(options.batch(), options.lease())
        .compose(due -> {
          List<Future<Void>> sends = new ArrayList<>();
          due.forEach(d -> sends.add(deliver(d)));
          return Future.join(sends).map(due.size());
        })
        .onComplete(ar -> {
          polling = false;
          if (ar.failed()) {
            LOG.warn("webhook poll failed: {}", ar.cause().toString());
          } else if (ar.result() == options.batch()) {
            vertx.runOnContext(v -> poll()); // more may be due
          }
        });
  }

  private Future<Void> deliver(DueDelivery d) {
    if (!d.webhookEnabled() && !d.redelivery()) {
      return record(d, new AttemptResult(false, null, null, "webhook_disabled", 0));
    }
    long t0 = System.nanoTime();
    return vertx.executeBlocking(() -> targets.check(d.url()), false)
        .compose(target -> send(target, d, t0))
        .recover(e -> Future.succeededFuture(new AttemptResult(false, null, null, describe(e), elapsedMs(t0))))
        .compose(r -> record(d, r));
  }

  private Future<Void> record(DueDelivery d, AttemptResult r) {
    Duration retryIn = r.succeeded() || d.redelivery() || !d.webhookEnabled() || d.attempt() > options.retrySchedule().size()
        ? null
        : options.retrySchedule().get(d.attempt() - 1);
    return repo.record(d, r, retryIn, options.disableAfter())
        .onSuccess(o -> {
          LOG.info("webhook attempt delivery={} webhook={} tenant={} attempt={} event={} outcome={} code={} ms={} retryIn={}",
              d.id(), d.webhookId(), d.tenantId(), d.attempt(), d.eventType(), r.succeeded() ? "succeeded" : "failed",
              r.responseCode(), r.durationMs(), retryIn);
          if (o.disabled() != null) {
            LOG.warn("webhook disabled webhook={} tenant={} reason=\"{}\"", o.disabled().id(), o.disabled().tenantId(),
                o.disabled().disabledReason());
          }
        })
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("recording webhook attempt {} failed: {}", d.id(), e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<AttemptResult> send(WebhookTargets.Target target, DueDelivery d, long t0) {
    String body = d.payload().encode();
    long timestamp = Instant.now().getEpochSecond();
    long timeout = options.timeout().toMillis();
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.uri().toString())
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
        .setFollowRedirects(false).setIdleTimeout(timeout)
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", "Rayform-Webhooks/1")
        .putHeader("webhook-id", d.messageId())
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", WebhookSigner.signatures(d.messageId(), timestamp, body, d.secret(), d.previousSecret()));
    Promise<AttemptResult> done = Promise.promise();
    long deadline = vertx.setTimer(timeout, t -> done.tryFail("timed out after " + timeout + " ms"));
    client.request(ro).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      HttpClientRequest req = ar.result();
      done.future().onFailure(e -> req.reset());
      req.send(Buffer.buffer(body, "UTF-8")).onFailure(done::tryFail).onSuccess(resp -> {
        Buffer kept = Buffer.buffer();
        resp.handler(b -> {
          int room = KEEP_BODY - kept.length();
          if (room > 0) {
            kept.appendBuffer(b.length() <= room ? b : b.slice(0, room));
          }
        });
        resp.exceptionHandler(done::tryFail);
        resp.endHandler(v -> {
          int code = resp.statusCode();
          done.tryComplete(new AttemptResult(code >= 200 && code < 300, code,
              new String(kept.getBytes(), StandardCharsets.UTF_8).replace("\u0000", ""),
              null, elapsedMs(t0)));
        });
      });
    });
    return done.future().onComplete(x -> vertx.cancelTimer(deadline));
  }

  private static String describe(Throwable e) {
    if (e instanceof WebhookTargets.Refused r) {
      return r.code() + ": " + r.getMessage();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static int elapsedMs(long t0) {
    return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}
