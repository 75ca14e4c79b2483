package dev.rayform.recon.data;

import dev.rayform.recon.render.RenderOptions;
import java.util.SplittableRandom;

/**
 * Random studio lighting for training views: the key light anywhere in the front hemisphere seen
 * from the camera, mostly from above, with its own ambient and diffuse intensities, so the encoder
 * does not learn one shading as the cue for shape. The fixed default light
 * ({@link RenderOptions#DEFAULT}) lies inside these ranges.
 */
public final class Lighting {
  private Lighting() {}

  public static RenderOptions draw(SplittableRandom random) {
    RenderOptions d = RenderOptions.DEFAULT;
    double x = -1 + 2 * random.nextDouble();
    double y = -1.2 + 1.5 * random.nextDouble(); // camera y points down: mostly lit from above
    double z = -(0.3 + 0.9 * random.nextDouble()); // towards the camera's side of the object
    double ambient = 0.2 + 0.3 * random.nextDouble();
    double diffuse = 0.45 + 0.45 * random.nextDouble();
    return new RenderOptions(d.supersampling(), ambient, diffuse, new double[] {x, y, z}, d.defaultColor());
  }
}
