package dev.rayform.recon.generation;

/** Occupancy probabilities of a batch of points (packed x, y, z), one value per point. */
@FunctionalInterface
public interface PointEvaluator {
  float[] evaluate(float[] xyz);
}
