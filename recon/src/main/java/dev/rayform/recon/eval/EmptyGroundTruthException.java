package dev.rayform.recon.eval;

import dev.rayform.recon.ReconException;

/** The ground-truth mesh has no faces or no area, so no metric is defined against it. */
public class EmptyGroundTruthException extends ReconException {
  public EmptyGroundTruthException(String message) {
    super("empty_ground_truth", message);
  }
}
