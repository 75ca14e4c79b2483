package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.LengthUnit;
import dev.rayform.recon.geometry.RealDimensions;
import dev.rayform.recon.colour.PhotoTexture;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.product.ProductOptions;
import java.util.List;
import java.util.Set;

/**
 * What a reconstruct job or catalogue item makes: {@code formats} and the image-to-product pipeline's
 * options ({@code resolution}, {@code threshold}, {@code scale}, {@code faces} (30,000 by default, 0
 * for the full surface), {@code colour} (true), {@code texture_size} (1024), and real dimensions).
 */
record OutputSpec(List<String> formats, ProductOptions product) {
  static final Set<String> FORMATS = Set.of("glb", "usdz", "obj", "ply");

  /** Formats and pipeline options from a job's options; no dimensions. */
  static OutputSpec of(JsonNode options) {
    List<String> formats = Options.choices(options, "formats", List.of("glb"), FORMATS);
    ProductOptions d = ProductOptions.DEFAULT;
    int faces = Options.integer(options, "faces", d.faces(), 0, ProductOptions.MAX_FACES);
    if (faces > 0 && faces < QuadricSimplifier.MIN_TARGET) {
      throw JobFailure.badInput("invalid_options", "options.faces must be 0 (the full surface) or an integer in ["
          + QuadricSimplifier.MIN_TARGET + ", " + ProductOptions.MAX_FACES + "]");
    }
    try {
      ProductOptions product = ProductOptions.builder()
          .optResolution(Options.integer(options, "resolution", d.resolution(), ProductOptions.MIN_RESOLUTION, ProductOptions.MAX_RESOLUTION))
          .optThreshold((float) Options.number(options, "threshold", d.threshold(), 0, 1))
          .optScale(options.hasNonNull("scale") ? Options.number(options, "scale", 1, 0, 100) : null)
          .optFaces(faces)
          .optColour(Options.bool(options, "colour", d.colour()))
          .optTextureSize(Options.integer(options, "texture_size", d.textureSize(), PhotoTexture.MIN_SIZE, PhotoTexture.MAX_SIZE))
          .build();
      return new OutputSpec(formats, product);
    } catch (ReconException e) {
      throw JobFailure.badInput(e.code(), e.getMessage());
    }
  }

  OutputSpec withDimensions(RealDimensions d) {
    return new OutputSpec(formats, product.toBuilder().optDimensions(d).build());
  }

  RealDimensions dimensions() {
    return product.dimensions();
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
