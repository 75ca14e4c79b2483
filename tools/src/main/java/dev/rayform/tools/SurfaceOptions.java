package dev.rayform.tools;

import dev.rayform.recon.generation.ReconstructOptions;
import picocli.CommandLine.Option;

/** Where the surface of the predicted occupancies lies: the options of the commands that measure a model's meshes. */
final class SurfaceOptions {
  @Option(names = "--threshold", defaultValue = "" + ReconstructOptions.DEFAULT_THRESHOLD, description = "Occupancy threshold of the surface. Default: ${DEFAULT-VALUE}.")
  float threshold;

  @Option(names = "--weak-ray-floor", defaultValue = "" + ReconstructOptions.DEFAULT_WEAK_RAY_FLOOR, description = "Ray-ONet: every ray "
      + "through the product less sure than this of its most likely depth is scaled up to it (0: no floor; a ray with nothing above the threshold keeps its most likely depth). "
      + "Default: ${DEFAULT-VALUE}.")
  float weakRayFloor;

  ReconstructOptions applyTo(ReconstructOptions options) {
    return options.withThreshold(threshold, weakRayFloor);
  }

  /** The options that differ from their defaults, as they would be typed. */
  String changedArguments() {
    return (threshold != ReconstructOptions.DEFAULT_THRESHOLD ? " --threshold " + threshold : "")
        + (weakRayFloor != ReconstructOptions.DEFAULT_WEAK_RAY_FLOOR ? " --weak-ray-floor " + weakRayFloor : "");
  }
}
