package dev.rayform.recon.product;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.colour.PhotoTexture;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.ProductFrame;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.model.TrainedModel;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One photo to a product mesh, the same on every path ({@code rayform reconstruct}, reconstruct
 * jobs, catalogue items): the product separated from its background and framed as in training;
 * the network's occupancies on the ray grid, carved by the silhouette; the surface with loose
 * fragments dropped and smoothed; the face budget; the photo's colours; the product stood upright
 * (the photo's camera looks down on it), its frame and real size. Each photo is encoded on its own, so its mesh does not depend on what else was in a batch.
 */
public final class ProductPipeline {
  /** The stable code of a photo in which nothing reached the occupancy threshold. */
  public static final String EMPTY = "empty_reconstruction";
  /** The stages whose times a product reports. */
  public static final List<String> STAGES = List.of("separate", "network", "simplify", "colour", "frame");

  private final TrainedModel model;
  private final ProductOptions options;
  private final Reconstructor reconstructor;

  public ProductPipeline(TrainedModel model, ProductOptions options) {
    this.model = model;
    this.options = options;
    this.reconstructor = new Reconstructor(model, options.reconstruction());
  }

  /** The photo's product, with s from the options (or the model's mean). */
  public Product reconstruct(BufferedImage photo) {
    return reconstruct(photo, options.scale() != null ? options.scale() : model.info().sMean());
  }

  /**
   * The photo's product with Ray-ONet's scale {@code s}.
   *
   * @throws ReconException on a photo that cannot be read as a product ({@code
   *     background_not_separable}), an empty reconstruction ({@link #EMPTY}) or dimensions the mesh
   *     cannot take
   */
  public Product reconstruct(BufferedImage photo, double s) {
    return reconstruct(photo, s, options.cameraElevation());
  }

  /**
   * As {@link #reconstruct(BufferedImage, double)} for a photo taken {@code cameraElevation} degrees
   * above the product (null: not known, read from the reconstruction), which a network conditioned on
   * it also reads, and which stands the product upright.
   */
  public Product reconstruct(BufferedImage photo, double s, Double cameraElevation) {
    int size = model.config().imageSize();
    Map<String, Double> ms = new LinkedHashMap<>();
    long t = System.nanoTime();
    PreparedImage input = options.framedInput()
        ? ImagePreprocessor.prepareFramed(photo, size) : ImagePreprocessor.prepare(photo, size);
    t = lap(ms, "separate", t);
    Reconstructor.Result result = reconstructor.reconstruct(List.of(input.chw()), new double[] {s},
        new double[] {cameraElevation == null ? Double.NaN : cameraElevation}).get(0);
    t = lap(ms, "network", t);
    Mesh surface = result.mesh();
    if (surface.isEmpty()) {
      throw new ReconException(EMPTY, "nothing in the image reached the occupancy threshold " + options.threshold()
          + "; is there an object on a plain background?");
    }
    int reconstructed = surface.faceCount();
    if (options.faces() > 0) {
      surface = QuadricSimplifier.simplify(surface, options.faces());
    }
    t = lap(ms, "simplify", t);
    if (options.colour() && result.cameraSpace()) {
      surface = PhotoTexture.colour(surface, model.info().normalizedFocal(), input.photo(), input.crop(), options.textureSize());
    }
    t = lap(ms, "colour", t);
    Mesh upright = result.cameraSpace() ? CameraToObject.toUpright(surface, cameraElevation) : surface;
    ProductFrame.Placed placed = ProductFrame.place(upright, options.dimensions());
    Mesh mesh = placed.mesh().withVertexNormals();
    lap(ms, "frame", t);
    return new Product(mesh, placed.units(), surface, result.cameraSpace(), input, reconstructed, ms);
  }

  private static long lap(Map<String, Double> ms, String stage, long since) {
    long now = System.nanoTime();
    ms.put(stage, (now - since) / 1e6);
    return now;
  }
}
