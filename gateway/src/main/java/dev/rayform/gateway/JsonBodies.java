package dev.rayform.gateway;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parsing request bodies with a nesting limit, and the canonical form an idempotency hash is taken of. */
final class JsonBodies {
  private JsonBodies() {}

  /**
   * Parses a request body as a JSON object: the bytes must be UTF-8 (RFC 8259; a malformed sequence
   * is 400 {@code invalid_json}, never silently replaced), then as {@link #parseObject(String, int)}.
   */
  static JsonObject parseObject(io.vertx.core.buffer.Buffer body, int maxDepth) {
    if (body == null || body.length() == 0) {
      throw ApiError.invalidJson("The body must be a JSON object");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body.getBytes())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ApiError.invalidJson("The body is not UTF-8");
    }
    return parseObject(text, maxDepth);
  }

  /** Parses a JSON object, refusing deeper nesting than {@code maxDepth} before the parser sees it. */
  static JsonObject parseObject(String text, int maxDepth) {
    if (text == null || text.isBlank()) {
      throw ApiError.invalidJson("The body must be a JSON object");
    }
    if (depth(text) > maxDepth) {
      throw ApiError.invalidJson("The body nests deeper than " + maxDepth + " levels");
    }
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiError.invalidJson("The body is not valid JSON");
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiError.invalidJson("The body must be a JSON object");
    }
    return o;
  }

  /** Deepest bracket nesting outside strings; cheap, so a hostile body never reaches the parser's recursion. */
  static int depth(String text) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        max = Math.max(max, ++depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return max;
  }

  /** SHA-256 of the body with object keys sorted at every level and no whitespace. */
  static byte[] canonicalHash(JsonObject body) {
    String canonical = Json.encode(canonical(body));
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> sorted = new TreeMap<>();
      o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      return new LinkedHashMap<>(sorted);
    }
    if (value instanceof JsonArray a) {
      List<Object> out = new ArrayList<>(a.size());
      a.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return value;
  }
}
