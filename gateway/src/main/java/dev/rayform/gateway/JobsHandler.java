package dev.rayform.gateway;

import dev.rayform.core.PlatformException;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobRepository;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.webhook.Webhook;
import dev.rayform.core.webhook.WebhookRepository;
import dev.rayform.gateway.webhooks.WebhookTargets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs resource: submit (idempotent with a key, within the tenant's concurrent-job quota, with an
 * optional webhook of its own stored in the job's transaction), get, list, cancel, and a catalog's items.
 */
final class JobsHandler {
  private final Vertx vertx;
  private final JobRepository jobs;
  private final JobRequests requests;
  private final int maxJsonDepth;
  private final GatewayOptions.Limits limits;
  private final WebhookTargets targets;

  JobsHandler(Vertx vertx, PlatformServices services, GatewayOptions options) {
    this.vertx = vertx;
    this.jobs = services.jobs();
    this.requests = new JobRequests(services);
    this.maxJsonDepth = options.maxJsonDepth();
    this.limits = options.limits();
    this.targets = new WebhookTargets(options.webhooks().allowPrivate());
  }

  void create(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw ApiError.unsupportedMediaType("POST /v1/jobs takes application/json");
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isEmpty() || key.length() > 255)) {
      throw ApiError.badRequest("Idempotency-Key must be 1 to 255 characters");
    }
    JsonObject body = JsonBodies.parseObject(ctx.body().buffer(), maxJsonDepth);
    JobRequests.JobRequest parsed = JobRequests.parse(body);
    WebhookRequests.WebhookRequest hook = parsed.webhook() == null ? null : WebhookRequests.parse(parsed.webhook(), "webhook.");
    String tenant = Authenticator.tenant(ctx);
    AtomicReference<Webhook> stored = new AtomicReference<>();
    requests.resolve(tenant, parsed)
        .compose(r -> hook == null ? Future.succeededFuture(r) : WebhookRequests.checkTarget(vertx, targets, hook.url(), "webhook.url").map(r))
        .compose(r -> key == null
            ? Future.succeededFuture(NewJob.of(tenant, r.type(), r.input(), r.options()))
            : vertx.executeBlocking(() -> NewJob.of(tenant, r.type(), r.input(), r.options())
                .withIdempotency(key, JsonBodies.canonicalHash(body)), false))
        .compose(n -> jobs.submit(n, limits.maxActiveJobs(), limits.maxQueuedJobs(), (c, job) -> hook == null
            ? Future.succeededFuture()
            : WebhookRepository.insert(c, tenant, hook.url(), hook.events(), hook.secret(), job.id()).<Void>map(w -> {
              stored.set(w);
              return null;
            })))
        .recover(e -> Future.failedFuture(e instanceof PlatformException pe && ("job_quota_exceeded".equals(pe.code()) || "queue_full".equals(pe.code()))
            ? ApiError.tooManyRequests(pe.code(), pe.getMessage(), limits.quotaRetryAfter().toSeconds())
            : e))
        .onSuccess(s -> {
          if (!s.created()) {
            ctx.response().putHeader("Idempotent-Replayed", "true");
          }
          JsonObject out = ApiJson.job(s.job());
          if (stored.get() != null) {
            // The job's webhook and, when the caller gave none, the secret it is signed with: shown only here.
            out.put("webhook", WebhooksHandler.webhook(stored.get()).put("secret", hook.generated() ? hook.secret() : null));
          }
          json(ctx.response().setStatusCode(202).putHeader("Location", "/v1/jobs/" + s.job().id()), out);
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    owned(ctx).onSuccess(job -> json(ctx.response(), ApiJson.job(job))).onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    JobType type = param(ctx, "type", s -> JobType.fromApiName(s).orElse(null));
    JobStatus status = param(ctx, "status", JobsHandler::status);
    page(ctx, type, status, null);
  }

  void items(RoutingContext ctx) {
    JobStatus status = param(ctx, "status", JobsHandler::status);
    owned(ctx).onSuccess(parent -> {
      // Paging parameters are checked inside this callback: their errors must still reach the failure handler.
      try {
        page(ctx, null, status, parent.id());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    }).onFailure(ctx::fail);
  }

  void cancel(RoutingContext ctx) {
    String tenant = Authenticator.tenant(ctx);
    String id = ctx.pathParam("id");
    jobs.cancel(tenant, id).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(jobNotFound(id));
      } else if (found.get().status() == JobStatus.SUCCEEDED || found.get().status() == JobStatus.FAILED) {
        ctx.fail(ApiError.conflict("job_already_finished", "Job " + id + " already " + found.get().status().apiName()));
      } else {
        json(ctx.response().setStatusCode(202), ApiJson.job(found.get()));
      }
    }).onFailure(ctx::fail);
  }

  /** The caller's job named by the path, or a 404 failure. */
  Future<Job> owned(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return jobs.get(Authenticator.tenant(ctx), id)
        .compose(j -> j.isPresent() ? Future.succeededFuture(j.get()) : Future.failedFuture(jobNotFound(id)));
  }

  static ApiError jobNotFound(String id) {
    return ApiError.notFound("job_not_found", "No job " + id);
  }

  private void page(RoutingContext ctx, JobType type, JobStatus status, String parent) {
    int limit = Pages.limit(ctx);
    String cursor = Pages.cursor(ctx);
    jobs.list(Authenticator.tenant(ctx), type, status, parent, limit + 1, cursor).onSuccess(found -> {
      List<Job> page = found.size() > limit ? found.subList(0, limit) : found;
      String next = found.size() > limit ? Pages.encode(page.get(page.size() - 1).id()) : null;
      json(ctx.response(), ApiJson.page(page, ApiJson::job, next));
    }).onFailure(ctx::fail);
  }

  private static JobStatus status(String s) {
    try {
      return JobStatus.fromApiName(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <T> T param(RoutingContext ctx, String name, java.util.function.Function<String, T> parse) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    T value = parse.apply(raw);
    if (value == null) {
      throw ApiError.badRequest("Unknown " + name + " '" + raw + "'");
    }
    return value;
  }

  static void json(io.vertx.core.http.HttpServerResponse resp, JsonObject body) {
    resp.putHeader("Content-Type", "application/json").end(body.encode());
  }
}
