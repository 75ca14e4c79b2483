package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.procedural.ProceduralFamily;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.data.procedural.ProceduralShape;
import java.util.ArrayList;
import java.util.List;

/** Procedural shapes of a family's categories, with exact occupancy from their signed distance. */
public final class ProceduralSource implements ShapeSource {
  private final ProceduralFamily family;
  private final int meshResolution;

  /** The 13 categories; {@code meshResolution}: marching-cubes grid size of the rendered and evaluation meshes. */
  public ProceduralSource(int meshResolution) {
    this(ProceduralFamily.CLASSES, meshResolution);
  }

  public ProceduralSource(ProceduralFamily family, int meshResolution) {
    this.family = family;
    this.meshResolution = meshResolution;
  }

  @Override
  public String name() {
    return family.sourceName();
  }

  @Override
  public List<String> categories() {
    return family.categories();
  }

  @Override
  public List<ShapeRef> shapes(String category, int limit, long seed) {
    if (!categories().contains(category)) {
      throw new ReconException("unknown_category", "no " + name() + " category '" + category + "'; known: " + categories());
    }
    List<ShapeRef> refs = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      long shapeSeed = Seeds.mix(seed, category, i);
      refs.add(new ShapeRef(String.format("%s/%06d", category, i), category, Long.toUnsignedString(shapeSeed)));
    }
    return refs;
  }

  @Override
  public SourceShape load(ShapeRef ref) {
    ProceduralShape shape = ProceduralGenerator.generate(family, ref.category(), Long.parseUnsignedLong(ref.sourceId()));
    return new SourceShape(ref, shape.mesh(meshResolution), shape.occupancy(), null);
  }
}
