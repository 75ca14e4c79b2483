package dev.rayform.recon.product;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.image.PreparedImage;
import java.util.Map;

/**
 * A product reconstructed from one photo: {@code mesh} in the product frame (y up, origin at the
 * centre of its base, in {@code units}: metres or normalised), with the photo's colours when asked;
 * {@code cameraMesh} the same surface in the input camera's frame (OpenCV axes) for Ray-ONet, or in
 * the object frame for ONet ({@code cameraSpace} false); {@code input} the network's input and the
 * photo's mask; the face count before the budget; the milliseconds each stage took, in order
 * ({@link ProductPipeline#STAGES}).
 */
public record Product(Mesh mesh, String units, Mesh cameraMesh, boolean cameraSpace, PreparedImage input,
    int facesReconstructed, Map<String, Double> stageMs) {
  /** The network's and the surface's time: what the photo costs before clean-up of the output. */
  public double networkMs() {
    return stageMs.getOrDefault("network", 0.0);
  }
}
