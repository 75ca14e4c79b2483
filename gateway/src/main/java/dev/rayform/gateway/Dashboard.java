package dev.rayform.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard: static files from the classpath folder {@code dashboard/} ({@code index.html} at
 * {@code /}, the stylesheet and ES modules under {@code /assets/}) and three.js from its WebJar
 * under {@code /webjars/three/}, all without a key (the page asks for one and calls the API like
 * any client). Files are read by StaticHandler through Vert.x's file system, off the event loop.
 */
final class Dashboard {
  /** Where the WebJar puts three.js; index.html's import map names the version. */
  static final String THREE_WEBROOT = "META-INF/resources/webjars/three";

  private Dashboard() {}

  static void mount(Router r) {
    StaticHandler files = StaticHandler.create("dashboard").setCachingEnabled(false).setDirectoryListing(false)
        .setDefaultContentEncoding("UTF-8");
    StaticHandler three = StaticHandler.create(THREE_WEBROOT).setCachingEnabled(true).setMaxAgeSeconds(365L * 24 * 3600)
        .setDirectoryListing(false).setDefaultContentEncoding("UTF-8");
    r.get("/").handler(Dashboard::pageHeaders).handler(files);
    r.get("/assets/*").handler(Dashboard::pageHeaders).handler(files);
    // Versioned paths: cached for a year.
    r.get("/webjars/three/*").handler(three);
  }

  /** Dashboard files change with the server: revalidate every time; no framing, no sniffing. */
  private static void pageHeaders(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
