package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.repo.Artifact;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** A job's artifacts: the list, and downloads (a redirect to a presigned URL, or the bytes streamed). */
final class ArtifactsHandler {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Vertx vertx;
  private final PlatformServices services;
  private final JobsHandler jobs;
  private final GatewayOptions options;

  ArtifactsHandler(Vertx vertx, PlatformServices services, JobsHandler jobs, GatewayOptions options) {
    this.vertx = vertx;
    this.services = services;
    this.jobs = jobs;
    this.options = options;
  }

  void list(RoutingContext ctx) {
    String tenant = Authenticator.tenant(ctx);
    jobs.owned(ctx)
        .compose(job -> services.artifacts().list(tenant, job.id()))
        .onSuccess(all -> JobsHandler.json(ctx.response(), ApiJson.page(all, ApiJson::artifact, null)))
        .onFailure(ctx::fail);
  }

  void download(RoutingContext ctx) {
    String tenant = Authenticator.tenant(ctx);
    String name = ctx.pathParam("name");
    jobs.owned(ctx)
        .compose(job -> NAME.matcher(name).matches() ? services.artifacts().find(tenant, job.id(), name) : Future.succeededFuture(Optional.<Artifact>empty()))
        .compose(a -> a.isPresent() ? Future.succeededFuture(a.get())
            : Future.failedFuture(ApiError.notFound("artifact_not_found", "No artifact " + name)))
        .compose(a -> options.presignDownloads()
            ? vertx.<Optional<URI>>executeBlocking(() -> services.store().downloadUrl(a.storageKey(), options.artifactUrlTtl()), false)
                .compose(url -> url.isPresent() ? redirect(ctx, url.get()) : stream(ctx, a))
            : stream(ctx, a))
        .onFailure(ctx::fail);
  }

  private Future<Void> redirect(RoutingContext ctx, URI url) {
    return ctx.response().setStatusCode(302).putHeader("Location", url.toString()).putHeader("Cache-Control", "no-store").end();
  }

  private Future<Void> stream(RoutingContext ctx, Artifact a) {
    return vertx.<InputStream>executeBlocking(() -> services.store().get(a.storageKey()), false).compose(in -> {
      HttpServerResponse resp = ctx.response()
          .putHeader("Content-Type", a.contentType())
          .putHeader("Content-Length", Long.toString(a.size()))
          .putHeader("ETag", "\"" + a.sha256() + "\"")
          .putHeader("Content-Disposition", "attachment; filename=\"" + a.name() + "\"");
      // Once the head is out, a failure can only cut the connection (see ErrorResponses).
      InputStreamPump.pump(vertx, in, resp).onFailure(e -> {
        if (resp.headWritten() && !resp.ended()) {
          ctx.request().connection().close();
        }
      });
      return Future.<Void>succeededFuture();
    });
  }
}
