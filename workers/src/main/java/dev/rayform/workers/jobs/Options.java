package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of a job's options and input, with bad values refused as bad input: the dataset, train
 * and evaluate jobs' (a reconstruct or catalog job's options have their owner in core, ProductJobOptions).
 */
final class Options {
  private Options() {}

  static String requiredText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw JobFailure.badInput("invalid_input", where + "." + field + " is required (a string)");
    }
    return v.asText();
  }

  static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw JobFailure.badInput("invalid_options", "options." + field + " must be a string");
    }
    return v.asText();
  }

  static int integer(JsonNode node, String field, int fallback, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw JobFailure.badInput("invalid_options", "options." + field + " must be an integer in [" + min + ", " + max + "]");
    }
    return v.asInt();
  }

  static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw JobFailure.badInput("invalid_options", "options." + field + " must be true or false");
    }
    return v.asBoolean();
  }

  static double number(JsonNode node, String field, double fallback, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber() || !(v.asDouble() > min) || !(v.asDouble() < max)) {
      throw JobFailure.badInput("invalid_options", "options." + field + " must be a number in (" + min + ", " + max + ")");
    }
    return v.asDouble();
  }
}
