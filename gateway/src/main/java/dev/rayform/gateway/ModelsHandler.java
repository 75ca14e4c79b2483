package dev.rayform.gateway;

import dev.rayform.core.repo.Models;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Models the caller may use: its own and the shared ones. Few per tenant, so paged in memory. */
final class ModelsHandler {
  private final Models models;

  ModelsHandler(Models models) {
    this.models = models;
  }

  void list(RoutingContext ctx) {
    int limit = Pages.limit(ctx);
    String cursor = Pages.cursor(ctx);
    String arch = ctx.request().getParam("arch");
    models.list(Authenticator.tenant(ctx)).onSuccess(all -> {
      List<JsonObject> matching = all.stream().filter(m -> arch == null || arch.equals(m.getString("arch"))).toList();
      int from = 0;
      if (cursor != null) {
        from = indexOf(matching, cursor) + 1;
        if (from == 0) {
          ctx.fail(new ApiError(400, "invalid_cursor", "cursor does not point into this list"));
          return;
        }
      }
      int to = Math.min(matching.size(), from + limit);
      List<JsonObject> page = matching.subList(from, to);
      String next = to < matching.size() ? Pages.encode(page.get(page.size() - 1).getString("id")) : null;
      JobsHandler.json(ctx.response(), ApiJson.page(page, ApiJson::model, next));
    }).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    models.list(Authenticator.tenant(ctx)).onSuccess(all -> all.stream().filter(m -> id.equals(m.getString("id"))).findFirst()
        .ifPresentOrElse(m -> JobsHandler.json(ctx.response(), ApiJson.model(m)),
            () -> ctx.fail(ApiError.notFound("model_not_found", "No model " + id))))
        .onFailure(ctx::fail);
  }

  private static int indexOf(List<JsonObject> models, String id) {
    for (int i = 0; i < models.size(); i++) {
      if (id.equals(models.get(i).getString("id"))) {
        return i;
      }
    }
    return -1;
  }
}
