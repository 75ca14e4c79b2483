package dev.rayform.recon.data.procedural;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of category grammars that a procedural source draws from, under the source name the CLI and
 * job options use.
 */
public enum ProceduralFamily {
  /**
   * The 13 ShapeNet categories: the benchmark's fresh procedural shapes and every shipped model's
   * procedural pool. Their seeds mix with the category name alone, as they always have, so the
   * pinned fingerprints and the benchmark's shapes never move.
   */
  CLASSES("procedural", "", List.of(new AirplaneGrammar(), new BenchGrammar(), new CabinetGrammar(),
      new CarGrammar(), new ChairGrammar(), new DisplayGrammar(), new LampGrammar(),
      new LoudspeakerGrammar(), new RifleGrammar(), new SofaGrammar(), new TableGrammar(),
      new TelephoneGrammar(), new VesselGrammar())),
  /**
   * Light fittings filed under {@code lamp}: the track, pendant, wall, spot, lantern and post lights
   * that furniture catalogues hold and {@link #CLASSES}' desk and floor lamps never show. Training
   * material only; the benchmark's lamps stay those of {@link #CLASSES}.
   */
  LIGHT_FITTINGS("procedural-lights", "lights/", List.of(new LightFittingGrammar())),
  /**
   * Seating filed under {@code chair}: the stools, folding chairs, deckchairs, loungers, cantilever
   * and club chairs that furniture catalogues hold and {@link #CLASSES}' upright chairs never show.
   * Training material only; the benchmark's chairs stay those of {@link #CLASSES}.
   */
  SEATING("procedural-seating", "seating/", List.of(new SeatingGrammar()));

  private final String sourceName;
  private final String seedSalt;
  private final Map<String, CategoryGrammar> grammars = new LinkedHashMap<>();

  ProceduralFamily(String sourceName, String seedSalt, List<CategoryGrammar> grammars) {
    this.sourceName = sourceName;
    this.seedSalt = seedSalt;
    for (CategoryGrammar g : grammars) {
      this.grammars.put(g.category(), g);
    }
  }

  /** The family a dataset's manifest and {@code --source} name {@code sourceName}; {@code source_not_found} if none. */
  public static ProceduralFamily named(String sourceName) {
    for (ProceduralFamily family : values()) {
      if (family.sourceName.equals(sourceName)) {
        return family;
      }
    }
    List<String> names = java.util.Arrays.stream(values()).map(ProceduralFamily::sourceName).toList();
    throw new dev.rayform.recon.ReconException("source_not_found", "no procedural family is named '" + sourceName + "'; the families are " + names);
  }

  /** The name a dataset's manifest and {@code --source} use. */
  public String sourceName() {
    return sourceName;
  }

  /** The family's category names in a stable (alphabetical) order. */
  public List<String> categories() {
    return List.copyOf(grammars.keySet());
  }

  CategoryGrammar grammar(String category) {
    return grammars.get(category);
  }

  /** What a shape's seed is mixed with, so two families never draw from the same stream. */
  String seedKey(String category) {
    return seedSalt + category;
  }
}
