package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Mesh;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects the named, coloured parts of one shape. Colours come from their own random stream, so
 * a grammar's geometry draws never depend on how many colours were drawn.
 */
final class ShapeBuilder {
  private final SplittableRandom colours;
  private final List<String> names = new ArrayList<>();
  private final List<Sdf> solids = new ArrayList<>();
  private final List<Mesh.Part> parts = new ArrayList<>();

  ShapeBuilder(SplittableRandom colours) {
    this.colours = colours;
  }

  /** A colour of the given material, drawn from the seed; reuse it to paint parts alike. */
  float[] colour(Material material) {
    return material.draw(colours);
  }

  void add(String name, float[] colour, Sdf solid) {
    names.add(name);
    solids.add(solid);
    parts.add(new Mesh.Part(name, colour.clone()));
  }

  void add(String name, float[] colour, List<Sdf> solids) {
    if (!solids.isEmpty()) {
      add(name, colour, Sdfs.union(solids));
    }
  }

  ShapeSdf build() {
    return ShapeSdf.of(names, solids);
  }

  List<Mesh.Part> parts() {
    return List.copyOf(parts);
  }
}
