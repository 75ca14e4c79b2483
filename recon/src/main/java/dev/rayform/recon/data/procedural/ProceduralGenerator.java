package dev.rayform.recon.data.procedural;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Aabb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded procedural shapes of the 13 ShapeNet categories. The same (category, seed) gives the same
 * shape on every machine; shapes come normalised (box centre at the origin, longest side 1).
 */
public final class ProceduralGenerator {
  private static final Map<String, CategoryGrammar> GRAMMARS = new LinkedHashMap<>();

  static {
    for (CategoryGrammar g : List.of(new AirplaneGrammar(), new BenchGrammar(), new CabinetGrammar(),
        new CarGrammar(), new ChairGrammar(), new DisplayGrammar(), new LampGrammar(),
        new LoudspeakerGrammar(), new RifleGrammar(), new SofaGrammar(), new TableGrammar(),
        new TelephoneGrammar(), new VesselGrammar())) {
      GRAMMARS.put(g.category(), g);
    }
  }

  private ProceduralGenerator() {}

  /** The 13 category names in a stable (alphabetical) order. */
  public static List<String> categories() {
    return List.copyOf(GRAMMARS.keySet());
  }

  /**
   * Generates the shape of a category for a seed.
   *
   * @throws ReconException with code {@code unknown_category} for a name not in {@link #categories()}
   */
  public static ProceduralShape generate(String category, long seed) {
    CategoryGrammar grammar = GRAMMARS.get(category);
    if (grammar == null) {
      throw new ReconException("unknown_category",
          "unknown procedural category '" + category + "'; known: " + String.join(", ", GRAMMARS.keySet()));
    }
    SplittableRandom root = new SplittableRandom(mix(seed, category));
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
  private static long mix(long seed, String category) {
    long z = seed * 0x9E3779B97F4A7C15L + category.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
