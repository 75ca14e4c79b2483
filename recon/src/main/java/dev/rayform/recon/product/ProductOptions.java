package dev.rayform.recon.product;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.colour.PhotoTexture;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.UprightEstimate;
import dev.rayform.recon.geometry.RealDimensions;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;

/**
 * What the image-to-product pipeline is asked for: the network's grid ({@code resolution}, the
 * occupancy {@code threshold}, Ray-ONet's {@code scale} s or null for the model's mean), surface
 * {@code smoothing}, whether the network's prediction is averaged with its prediction for the
 * mirrored photo ({@code mirrorAverage}: better surfaces, one more network pass; only for networks
 * trained on mirrored images), a face budget ({@code faces}, 0 for the full marching-cubes surface), colour
 * from the photo ({@code colour}, a {@code textureSize} texture), real {@code dimensions} (null:
 * normalised units), the photo's {@code cameraElevation} in degrees when it is known (null: read
 * from the shape, {@code UprightEstimate}) and whether the input is a dataset render already framed
 * as in training.
 * Build with {@link #builder()}.
 */
public record ProductOptions(int resolution, float threshold, Double scale, int smoothing, boolean mirrorAverage, int faces,
    boolean colour, int textureSize, RealDimensions dimensions, Double cameraElevation, boolean framedInput) {
  /** The default face budget: near the target polycount of commercial image-to-3D services. */
  public static final int DEFAULT_FACES = 30_000;
  public static final int MAX_FACES = 10_000_000;
  /** Grid sizes the network may be asked for. */
  public static final int MIN_RESOLUTION = 16;
  public static final int MAX_RESOLUTION = 256;
  /** The stable code of an option out of range. */
  public static final String INVALID = "options_invalid";

  public static final ProductOptions DEFAULT = builder().build();

  /**
   * A photo's camera elevation in degrees as the pipeline takes it: {@code degrees} itself.
   *
   * @throws ReconException {@code options_invalid} unless strictly between -90 and 90 degrees
   */
  public static double requireCameraElevation(double degrees) {
    if (!UprightEstimate.isCameraElevation(degrees)) {
      throw new ReconException(INVALID, "camera elevation must be strictly between -" + UprightEstimate.MAX_ELEVATION + " and "
          + UprightEstimate.MAX_ELEVATION + " degrees, got " + degrees);
    }
    return degrees;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().optResolution(resolution).optThreshold(threshold).optScale(scale).optSmoothing(smoothing)
        .optMirrorAverage(mirrorAverage).optFaces(faces).optColour(colour).optTextureSize(textureSize).optDimensions(dimensions)
        .optCameraElevation(cameraElevation).optFramedInput(framedInput);
  }

  /** The network and surface settings these options imply. */
  public ReconstructOptions reconstruction() {
    return ReconstructOptions.DEFAULT.withResolution(resolution).withThreshold(threshold).withSmoothing(smoothing)
        .withMirrorAverage(mirrorAverage);
  }

  /** DJL-style builder: every setting optional, validated in {@link #build()}. */
  public static final class Builder {
    private int resolution = ReconstructOptions.DEFAULT.resolution();
    private float threshold = ReconstructOptions.DEFAULT.threshold();
    private Double scale;
    private int smoothing = ReconstructOptions.DEFAULT_SMOOTHING;
    private boolean mirrorAverage = ReconstructOptions.DEFAULT.mirrorAverage();
    private int faces = DEFAULT_FACES;
    private boolean colour = true;
    private int textureSize = PhotoTexture.DEFAULT_SIZE;
    private RealDimensions dimensions;
    private Double cameraElevation;
    private boolean framedInput;

    public Builder optResolution(int resolution) {
      this.resolution = resolution;
      return this;
    }

    public Builder optThreshold(float threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder optScale(Double scale) {
      this.scale = scale;
      return this;
    }

    public Builder optSmoothing(int smoothing) {
      this.smoothing = smoothing;
      return this;
    }

    public Builder optMirrorAverage(boolean mirrorAverage) {
      this.mirrorAverage = mirrorAverage;
      return this;
    }

    public Builder optFaces(int faces) {
      this.faces = faces;
      return this;
    }

    public Builder optColour(boolean colour) {
      this.colour = colour;
      return this;
    }

    public Builder optTextureSize(int textureSize) {
      this.textureSize = textureSize;
      return this;
    }

    public Builder optDimensions(RealDimensions dimensions) {
      this.dimensions = dimensions;
      return this;
    }

    /** Degrees above the product, strictly between -90 and 90; null (the default) reads it from the shape. */
    public Builder optCameraElevation(Double cameraElevation) {
      this.cameraElevation = cameraElevation;
      return this;
    }

    public Builder optFramedInput(boolean framedInput) {
      this.framedInput = framedInput;
      return this;
    }

    /** @throws ReconException {@link #INVALID} (or the simplifier's code for faces) naming the option */
    public ProductOptions build() {
      if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
        throw new ReconException(INVALID, "resolution must be " + MIN_RESOLUTION + "-" + MAX_RESOLUTION + ", got " + resolution);
      }
      if (!(threshold > 0 && threshold < 1)) {
        throw new ReconException(INVALID, "threshold must be strictly between 0 and 1, got " + threshold);
      }
      if (scale != null && !(scale > 0 && scale <= 100)) {
        throw new ReconException(INVALID, "scale must be in (0, 100], got " + scale);
      }
      if (smoothing < 0 || smoothing > 100) {
        throw new ReconException(INVALID, "smoothing must be 0-100 rounds, got " + smoothing);
      }
      if (faces != 0) {
        QuadricSimplifier.requireValidTarget(faces);
        if (faces > MAX_FACES) {
          throw new ReconException(QuadricSimplifier.INVALID_TARGET, "the target face count must be at most " + MAX_FACES + ", got " + faces);
        }
      }
      if (textureSize < PhotoTexture.MIN_SIZE || textureSize > PhotoTexture.MAX_SIZE) {
        throw new ReconException(INVALID, "texture size must be " + PhotoTexture.MIN_SIZE + "-" + PhotoTexture.MAX_SIZE + ", got " + textureSize);
      }
      if (cameraElevation != null) {
        requireCameraElevation(cameraElevation);
      }
      return new ProductOptions(resolution, threshold, scale, smoothing, mirrorAverage, faces, colour, textureSize, dimensions,
          cameraElevation, framedInput);
    }
  }
}
