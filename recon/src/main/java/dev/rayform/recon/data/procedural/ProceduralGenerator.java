package dev.rayform.recon.data.procedural;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Aabb;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded procedural shapes of a {@link ProceduralFamily}'s categories (by default the 13 ShapeNet
 * ones). The same (family, category, seed) gives the same shape on every machine (SplittableRandom
 * streams and StrictMath only, never Math.sin and kin, whose results may differ by platform);
 * shapes come normalised (box centre at the origin, longest side 1).
 */
public final class ProceduralGenerator {

  private ProceduralGenerator() {}

  /** The 13 category names in a stable (alphabetical) order. */
  public static List<String> categories() {
    return ProceduralFamily.CLASSES.categories();
  }

  /**
   * Generates the shape of one of the 13 categories for a seed.
   *
   * @throws ReconException with code {@code unknown_category} for a name not in {@link #categories()}
   */
  public static ProceduralShape generate(String category, long seed) {
    return generate(ProceduralFamily.CLASSES, category, seed);
  }

  /**
   * Generates the shape of a family's category for a seed.
   *
   * @throws ReconException with code {@code unknown_category} for a name not in the family's categories
   */
  public static ProceduralShape generate(ProceduralFamily family, String category, long seed) {
    CategoryGrammar grammar = family.grammar(category);
    if (grammar == null) {
      throw new ReconException("unknown_category", "unknown " + family.sourceName() + " category '" + category
          + "'; known: " + String.join(", ", family.categories()));
    }
    SplittableRandom root = new SplittableRandom(mix(seed, family.seedKey(category)));
    ShapeBuilder builder = new ShapeBuilder(root.split());
    grammar.build(new Dice(root.split()), builder);
    ShapeSdf raw = builder.build();
    Aabb tight = raw.tightBounds();
    double scale = 1 / tight.longestSide();
    ShapeSdf normalized = raw.normalized(tight.centerX(), tight.centerY(), tight.centerZ(), scale);
    Aabb bounds = new Aabb(
        (tight.minX() - tight.centerX()) * scale, (tight.minY() - tight.centerY()) * scale,
        (tight.minZ() - tight.centerZ()) * scale, (tight.maxX() - tight.centerX()) * scale,
        (tight.maxY() - tight.centerY()) * scale, (tight.maxZ() - tight.centerZ()) * scale);
    return new ProceduralShape(category, seed, normalized, builder.parts(), bounds);
  }

  /** A well-spread 64-bit seed from the pair; String.hashCode is specified, so this is portable. */
  private static long mix(long seed, String key) {
    long z = seed * 0x9E3779B97F4A7C15L + key.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
