package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.LengthUnit;
import dev.rayform.recon.geometry.RealDimensions;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import java.util.List;
import java.util.Set;

/**
 * What a reconstruct job or catalogue item writes: {@code formats}, an optional target face count
 * ({@code faces}, quadric simplification) and optional real dimensions (the mesh in metres).
 */
record OutputSpec(List<String> formats, Integer faces, RealDimensions dimensions) {
  static final Set<String> FORMATS = Set.of("glb", "usdz", "obj", "ply");
  static final int MAX_FACES = 10_000_000;

  /** Formats and faces from a job's options; no dimensions. */
  static OutputSpec of(JsonNode options) {
    List<String> formats = Options.choices(options, "formats", List.of("glb"), FORMATS);
    Integer faces = options.hasNonNull("faces") ? Options.integer(options, "faces", 0, QuadricSimplifier.MIN_TARGET, MAX_FACES) : null;
    return new OutputSpec(formats, faces, null);
  }

  OutputSpec withDimensions(RealDimensions d) {
    return new OutputSpec(formats, faces, d);
  }

  /**
   * Dimensions from {@code node.field}: {@code {width?, depth?, height?, unit}} with positive numbers
   * (width along x, depth along z, height along y); null when absent.
   */
  static RealDimensions dimensions(JsonNode node, String field) {
    JsonNode d = node.get(field);
    if (d == null || d.isNull()) {
      return null;
    }
    if (!d.isObject()) {
      throw JobFailure.badInput(RealDimensions.INVALID, field + " must be an object {width, depth, height, unit}");
    }
    try {
      LengthUnit unit = LengthUnit.of(d.hasNonNull("unit") ? d.get("unit").asText() : null);
      return RealDimensions.of(length(d, "width"), length(d, "depth"), length(d, "height"), unit);
    } catch (ReconException e) {
      throw JobFailure.badInput(e.code(), field + ": " + e.getMessage());
    }
  }

  /** Dimensions as JSON in metres, the form child items and metrics carry. */
  static ObjectNode toJson(RealDimensions d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (d.width() != null) {
      o.put("width", d.width());
    }
    if (d.depth() != null) {
      o.put("depth", d.depth());
    }
    if (d.height() != null) {
      o.put("height", d.height());
    }
    return o.put("unit", "m");
  }

  private static Double length(JsonNode d, String name) {
    JsonNode v = d.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw JobFailure.badInput(RealDimensions.INVALID, name + " must be a number");
    }
    return v.asDouble();
  }
}
