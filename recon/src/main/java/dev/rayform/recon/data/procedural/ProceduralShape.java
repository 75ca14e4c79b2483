package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;
import java.util.List;

/**
 * One generated shape, already normalised by the ONet convention (bounding-box centre at the
 * origin, longest side 1). Immutable and thread-safe.
 */
public final class ProceduralShape {
  private final String category;
  private final long seed;
  private final ShapeSdf sdf;
  private final List<Mesh.Part> parts;
  private final Aabb bounds;

  ProceduralShape(String category, long seed, ShapeSdf sdf, List<Mesh.Part> parts, Aabb bounds) {
    this.category = category;
    this.seed = seed;
    this.sdf = sdf;
    this.parts = parts;
    this.bounds = bounds;
  }

  public String category() {
    return category;
  }

  public long seed() {
    return seed;
  }

  /** The normalised signed distance field; {@link ShapeSdf#partAt} indexes {@link #parts()}. */
  public ShapeSdf sdf() {
    return sdf;
  }

  /** Part names with a linear-RGB colour each. */
  public List<Mesh.Part> parts() {
    return parts;
  }

  /** The tight normalised box (longest side 1, centred at the origin); it contains the solid. */
  public Aabb bounds() {
    return bounds;
  }

  /** Exact occupancy from the sign of the distance field. */
  public Occupancy occupancy() {
    return sdf::contains;
  }

  /**
   * The surface by marching cubes at {@code resolution} cells along the longest side (128 gives
   * about 1/128 detail), with per-face parts and colours; sampled on every core.
   */
  public Mesh mesh(int resolution) {
    return ProceduralMeshing.mesh(this, resolution);
  }

  @Override
  public String toString() {
    return "ProceduralShape[" + category + " #" + seed + ", " + parts.size() + " parts]";
  }
}
