package dev.rayform.recon.geometry;

import dev.rayform.recon.ReconException;

/** A mesh whose arrays are inconsistent: wrong lengths, indices out of range, non-finite values. */
public class InvalidMeshException extends ReconException {
  public InvalidMeshException(String message) {
    super("invalid_mesh", message);
  }
}
