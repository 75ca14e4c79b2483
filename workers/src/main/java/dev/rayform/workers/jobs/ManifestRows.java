package dev.rayform.workers.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalogue manifest's rows as column to value: CSV with a header line, or JSON (openapi's
 * CatalogManifest: {@code {"items": [{sku, image, category?, dimensions?: {width, depth, height, unit}, camera_elevation?}]}},
 * or the bare array), with {@code dimensions} flattened to the CSV form's columns.
 */
final class ManifestRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestRows() {}

  static boolean isJson(String text) {
    String t = withoutBom(text).stripLeading();
    return t.startsWith("{") || t.startsWith("[");
  }

  static List<Map<String, String>> parse(String text) {
    return isJson(text) ? json(withoutBom(text)) : Csv.rows(text);
  }

  private static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static List<Map<String, String>> json(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw JobFailure.badInput("manifest_invalid", "the manifest is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode items = root.isArray() ? root : root.get("items");
    if (items == null || !items.isArray()) {
      throw JobFailure.badInput("manifest_invalid", "a JSON manifest is {\"items\": [...]} or an array of items");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode item : items) {
      Map<String, String> row = new LinkedHashMap<>();
      if (item.isObject()) {
        put(row, item, "sku", "image", "upload", "category", "width", "depth", "height", "unit", CatalogHandler.CAMERA_ELEVATION);
        JsonNode d = item.get("dimensions");
        if (d != null && d.isObject()) {
          put(row, d, "width", "depth", "height", "unit");
        } else if (d != null && !d.isNull()) {
          row.put("width", "not an object");
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private static void put(Map<String, String> row, JsonNode node, String... fields) {
    for (String f : fields) {
      JsonNode v = node.get(f);
      if (v != null && v.isValueNode() && !v.isNull()) {
        row.put(f, v.asText());
      } else if (v != null && !v.isNull()) {
        row.put(f, v.toString());
      }
    }
  }
}
