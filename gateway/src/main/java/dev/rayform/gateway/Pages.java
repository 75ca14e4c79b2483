package dev.rayform.gateway;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Page size and opaque cursors of list endpoints; a cursor wraps the last id of the previous page. */
final class Pages {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final String PREFIX = "v1:";

  private Pages() {}

  /** {@code limit}: 1 to 200, default 50. */
  static int limit(RoutingContext ctx) {
    String raw = ctx.request().getParam("limit");
    if (raw == null) {
      return 50;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiError.badRequest("limit must be an integer from 1 to 200");
  }

  /** The id inside {@code cursor}, or null for the first page. */
  static String cursor(RoutingContext ctx) {
    String raw = ctx.request().getParam("cursor");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX) && ID.matcher(decoded.substring(PREFIX.length())).matches()) {
        return decoded.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException ignored) {
      // answered below
    }
    throw new ApiError(400, "invalid_cursor", "cursor is not one this API issued");
  }

  static String encode(String lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  static boolean isId(String s) {
    return s != null && ID.matcher(s).matches();
  }
}
