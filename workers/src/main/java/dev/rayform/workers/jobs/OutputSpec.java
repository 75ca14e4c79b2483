package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.LengthUnit;
import dev.rayform.recon.geometry.RealDimensions;
import dev.rayform.recon.product.ProductOptions;
import java.util.List;
import java.util.Map;

/**
 * What a reconstruct job or catalogue item makes: the job's options as their owner in core reads them
 * ({@link ProductJobOptions}: formats, preview, batch, model) and the image-to-product pipeline's
 * options built from them (resolution, threshold, scale, faces, colour, texture size, camera elevation, real
 * dimensions).
 */
record OutputSpec(ProductJobOptions job, ProductOptions product) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Formats and pipeline options from a job's options; no dimensions (a reconstruct job adds its own, {@link #dimensions}). */
  @SuppressWarnings("unchecked")
  static OutputSpec of(JsonNode options) {
    ProductJobOptions job;
    try {
      job = ProductJobOptions.parse(options == null || options.isNull() ? Map.of() : JSON.convertValue(options, Map.class));
    } catch (ProductJobOptions.InvalidOption e) {
      throw JobFailure.badInput(e.code(), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw JobFailure.badInput(ProductJobOptions.INVALID, "options must be an object");
    }
    try {
      ProductOptions product = ProductOptions.builder()
          .optResolution(job.resolution())
          .optThreshold((float) job.threshold())
          .optMirrorAverage(job.mirrorAverage())
          .optScale(job.scale())
          .optFaces(job.faces())
          .optColour(job.colour())
          .optTextureSize(job.textureSize())
          .optCameraElevation(job.cameraElevation())
          .build();
      return new OutputSpec(job, product);
    } catch (ReconException e) {
      throw JobFailure.badInput(e.code(), e.getMessage());
    }
  }

  List<String> formats() {
    return job.formats();
  }

  OutputSpec withDimensions(RealDimensions d) {
    return new OutputSpec(job, product.toBuilder().optDimensions(d).build());
  }

  /** This spec for a photo taken {@code degrees} above the product; null keeps the job's elevation. */
  OutputSpec withCameraElevation(Double degrees) {
    return degrees == null ? this : new OutputSpec(job, product.toBuilder().optCameraElevation(degrees).build());
  }

  RealDimensions dimensions() {
    return product.dimensions();
  }

  /** A real size as recon takes it; null for null. */
  static RealDimensions realDimensions(ProductJobOptions.Dimensions d) {
    if (d == null) {
      return null;
    }
    try {
      return RealDimensions.of(d.width(), d.depth(), d.height(), LengthUnit.of(d.unit()));
    } catch (ReconException e) {
      throw JobFailure.badInput(e.code(), "options.dimensions: " + e.getMessage());
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
}
