package dev.rayform.recon.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: how a dataset was built, its shapes with their splits, and what failed.
 * {@code variedLight}: every view lit by its own random light; {@code trainWithoutPoints}: training
 * shapes have no evaluation or surface points; {@code stretchedCopies}: stretched copies of each
 * training shape ({@link Stretch}; false and 0 in datasets from before they existed); {@code
 * elevations}: the range the views' camera elevations were drawn from (null in datasets from before
 * it was recorded, which drew from {@link ViewSampler}'s default 20-40 degrees).
 */
public record DatasetManifest(
    String format,
    int version,
    String source,
    long seed,
    List<String> categories,
    @JsonProperty("image_size") int imageSize,
    @JsonProperty("normalized_focal") double normalizedFocal,
    @JsonProperty("views_per_shape") int viewsPerShape,
    @JsonProperty("rays_per_view") int raysPerView,
    Depths depths,
    @JsonProperty("eval_points") int evalPoints,
    @JsonProperty("surface_points") int surfacePoints,
    Map<String, Integer> splits,
    List<Shape> shapes,
    List<Failure> failures,
    @JsonProperty("varied_light") boolean variedLight,
    @JsonProperty("train_without_points") boolean trainWithoutPoints,
    @JsonProperty("stretched_copies") int stretchedCopies,
    Elevations elevations) {

  public static final String FORMAT = "rayform-dataset";
  public static final String FILE = "manifest.json";

  /** The range of the views' camera elevations, degrees. */
  public record Elevations(double min, double max) {}

  /** Depth sampling along rays. */
  public record Depths(int m, double dmin, double dmax) {}

  /** One shape: its folder relative to the dataset root holds mesh, points, surface, rays, views. */
  public record Shape(String id, String category, String split, String source, @JsonProperty("source_id") String sourceId, String path, int views) {}

  /** A shape that could not be built, with the stable error code and message. */
  public record Failure(String id, String code, String message) {}

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path datasetDir) {
    try {
      AtomicFiles.write(datasetDir.resolve(FILE), JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new ReconException("dataset_write_failed", "cannot serialise the manifest of " + datasetDir, e);
    }
  }

  public static DatasetManifest read(Path datasetDir) {
    Path file = datasetDir.resolve(FILE);
    try {
      DatasetManifest m = JSON.readValue(file.toFile(), DatasetManifest.class);
      if (!FORMAT.equals(m.format())) {
        throw new ReconException("dataset_invalid", file + " is not a Rayform dataset manifest (format " + m.format() + ")");
      }
      return m;
    } catch (IOException e) {
      throw new ReconException("dataset_invalid", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public List<Shape> shapes(String split) {
    return shapes.stream().filter(s -> "all".equals(split) || s.split().equals(split)).toList();
  }
}
