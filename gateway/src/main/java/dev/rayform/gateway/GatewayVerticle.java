package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import dev.rayform.gateway.events.EventHub;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The HTTP API of openapi.yaml: uploads, jobs, artifacts, models, webhooks, the events websocket,
 * the operations endpoints, and the dashboard; every authenticated request within the tenant's rate limit.
 */
public final class GatewayVerticle extends VerticleBase {
  private final PlatformServices services;
  private final GatewayOptions options;
  private EventHub hub;
  private KafkaAdminClient admin;
  private HttpServer server;
  private Router router;

  public GatewayVerticle(PlatformServices services, GatewayOptions options) {
    this.services = services;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    String kafka = services.config().kafkaBootstrapServers();
    admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", kafka, "request.timeout.ms", "3000",
        "default.api.timeout.ms", "3000", "reconnect.backoff.max.ms", "2000"));
    hub = new EventHub(vertx, kafka);
    return vertx.executeBlocking(GatewayVerticle::openapiDocument)
        .compose(doc -> hub.start(20_000).map(doc))
        .compose(doc -> {
          router = routes(doc);
          HttpServerOptions http = new HttpServerOptions().setHost(options.host()).setPort(options.port())
              .setMaxWebSocketFrameSize(64 * 1024).setCompressionSupported(true);
          if (options.idleTimeout() != null && options.idleTimeout().toMillis() > 0) {
            // A client that stalls (headers or body never finished, nothing read) loses its connection.
            http.setIdleTimeout((int) Math.max(1, options.idleTimeout().toMillis())).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
          }
          server = vertx.createHttpServer(http);
          return server.requestHandler(router).invalidRequestHandler(ErrorResponses::invalidRequest).listen();
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> events = hub == null ? Future.succeededFuture() : hub.stop();
    Future<Void> http = server == null ? Future.succeededFuture() : server.close();
    Future<Void> kafka = admin == null ? Future.succeededFuture() : admin.close();
    return Future.join(events, http, kafka);
  }

  /** The port the server listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The routes, for the contract test. */
  public Router router() {
    return router;
  }

  private Router routes(Buffer openapi) {
    Router r = Router.router(vertx);
    MetricsHandler metrics = new MetricsHandler(vertx, services, admin);
    r.route().handler(metrics::time);
    RateLimiter limiter = new RateLimiter(options.limits().requestsPerSecond(), options.limits().burst());
    Authenticator auth = new Authenticator(services.tenants(), false, limiter);
    BodyHandler json = BodyHandler.create(false).setBodyLimit(options.bodyLimit());
    JobsHandler jobs = new JobsHandler(vertx, services, options);
    UploadsHandler uploads = new UploadsHandler(vertx, services, options);
    ArtifactsHandler artifacts = new ArtifactsHandler(vertx, services, jobs, options);
    ModelsHandler models = new ModelsHandler(services.models());
    EventsHandler events = new EventsHandler(hub, services.jobs(), options);
    WebhooksHandler webhooks = new WebhooksHandler(vertx, services.webhooks(), options);
    OperationsHandler ops = new OperationsHandler(vertx, services, admin, options, openapi);

    r.post("/v1/uploads").handler(auth).handler(uploads::create);
    // vertx-web runs body handlers before user handlers; the JSON body is small and bounded.
    r.post("/v1/jobs").handler(json).handler(auth).handler(jobs::create);
    r.get("/v1/jobs").handler(auth).handler(jobs::list);
    r.get("/v1/jobs/:id").handler(auth).handler(jobs::get);
    r.post("/v1/jobs/:id/cancel").handler(auth).handler(jobs::cancel);
    r.get("/v1/jobs/:id/items").handler(auth).handler(jobs::items);
    r.get("/v1/jobs/:id/artifacts").handler(auth).handler(artifacts::list);
    r.get("/v1/jobs/:id/artifacts/:name").handler(auth).handler(artifacts::download);
    r.get("/v1/events").handler(new Authenticator(services.tenants(), true, limiter)).handler(events::handle);
    r.get("/v1/models").handler(auth).handler(models::list);
    r.get("/v1/models/:id").handler(auth).handler(models::get);
    r.post("/v1/webhooks").handler(json).handler(auth).handler(webhooks::create);
    r.get("/v1/webhooks").handler(auth).handler(webhooks::list);
    r.get("/v1/webhooks/:id").handler(auth).handler(webhooks::get);
    r.delete("/v1/webhooks/:id").handler(auth).handler(webhooks::delete);
    r.post("/v1/webhooks/:id/rotate-secret").handler(auth).handler(webhooks::rotateSecret);
    r.get("/v1/webhooks/:id/deliveries").handler(auth).handler(webhooks::deliveries);
    r.post("/v1/webhooks/:id/deliveries/:delivery/redeliver").handler(auth).handler(webhooks::redeliver);
    r.get("/health").handler(ops::health);
    r.get("/ready").handler(ops::ready);
    r.get("/openapi.yaml").handler(ops::openapi);
    r.get("/metrics").handler(metrics::scrape);
    // The dashboard at / (its files under /assets/, three.js under /webjars/three/).
    // Webhook deliveries are sent by WebhookDispatcher, a verticle of its own.
    Dashboard.mount(r);

    r.route().failureHandler(ErrorResponses::handleFailure);
    r.errorHandler(404, ctx -> ErrorResponses.send(ctx, ErrorResponses.forStatus(404)));
    r.errorHandler(405, ctx -> ErrorResponses.send(ctx, ErrorResponses.forStatus(405)));
    return r;
  }

  private static Buffer openapiDocument() throws IOException {
    try (InputStream in = GatewayVerticle.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IOException("openapi.yaml is not on the classpath (the schema module)");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
