package dev.rayform.recon.data.sh3d;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.RealMeshOccupancy;
import dev.rayform.recon.data.ShapeRef;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.SourceShape;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real furniture from the Sweet Home 3D catalogues, mapped to the ShapeNet classes: each item's
 * mesh in its real proportions (rotation and dimensions applied), normalised, with its occupancy
 * from {@link RealMeshOccupancy} (the models are multi-part, mostly not watertight, and build thin
 * parts from single sheets), and its attribution.
 *
 * <p>{@code sh3d-other} ({@link #openUnclassed()}) is the rest of the catalogues: the visible items
 * that map to no class (beds, shelves of plants, kitchen appliances, bathroom fittings, doors,
 * figures, trees), as the one category {@link ShapeSource#UNCLASSED}. The classed source never
 * holds them, so its splits and the benchmark built from it stay as they are.
 */
public final class Sh3dSource implements ShapeSource {
  private final Sh3dCatalog catalog;
  private final boolean unclassed;
  private final Map<String, List<Sh3dItem>> byCategory = new TreeMap<>();
  private final Map<String, Sh3dItem> byId = new TreeMap<>();

  /** The items of the ShapeNet classes, by class. */
  public Sh3dSource(Sh3dCatalog catalog) {
    this(catalog, false);
  }

  /** {@code unclassed}: the visible items of no class instead, as {@link ShapeSource#UNCLASSED}. */
  public Sh3dSource(Sh3dCatalog catalog, boolean unclassed) {
    this.catalog = catalog;
    this.unclassed = unclassed;
    for (Sh3dItem item : catalog.items()) {
      String category = categoryOf(item);
      if (category != null) {
        byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(item);
        byId.put(item.id(), item);
      }
    }
    byCategory.values().forEach(items -> items.sort(Comparator.comparing(Sh3dItem::id)));
  }

  /** The item's category in this source, or null when the source does not hold it. */
  private String categoryOf(Sh3dItem item) {
    if (!unclassed) {
      return item.shapeNetCategory();
    }
    return item.shapeNetCategory() == null && ShapeNetCategories.visible(item.name()) ? UNCLASSED : null;
  }

  /** The catalogues fetched by {@code scripts/fetch-sh3d}; a clear error when they are missing. */
  public static Sh3dSource openDefault() {
    return new Sh3dSource(fetched(), false);
  }

  /** The fetched catalogues' items of no class ({@code sh3d-other}). */
  public static Sh3dSource openUnclassed() {
    return new Sh3dSource(fetched(), true);
  }

  private static Sh3dCatalog fetched() {
    Path root = Sh3dCatalog.defaultRoot();
    if (!Sh3dCatalog.isAvailable(root)) {
      throw new ReconException("sh3d_missing",
          "no Sweet Home 3D catalogues under " + root + "; run scripts/fetch-sh3d first (or use --source procedural)");
    }
    return Sh3dCatalog.load(root);
  }

  @Override
  public String name() {
    return unclassed ? "sh3d-other" : "sh3d";
  }

  @Override
  public List<String> categories() {
    return List.copyOf(byCategory.keySet());
  }

  @Override
  public List<ShapeRef> shapes(String category, int limit, long seed) {
    List<Sh3dItem> items = byCategory.get(category);
    if (items == null) {
      throw new ReconException("unknown_category", "no Sweet Home 3D items map to '" + category + "'; available: " + categories());
    }
    return items.stream().limit(limit)
        .map(i -> new ShapeRef(category + "/" + i.id().replaceAll("[^A-Za-z0-9_.-]", "_"), category, i.id()))
        .toList();
  }

  @Override
  public SourceShape load(ShapeRef ref) {
    Sh3dItem item = byId.get(ref.sourceId());
    if (item == null) {
      throw new ReconException("unknown_shape", "no Sweet Home 3D item " + ref.sourceId());
    }
    Mesh raw;
    synchronized (catalog) {
      raw = catalog.mesh(item);
    }
    Mesh mesh = Normalization.normalize(raw);
    String attribution = String.format("\"%s\" by %s, %s, from the Debian package %s", item.name(), item.creator(),
        item.licence() == null ? "licence unknown" : item.licence(), item.sourcePackage());
    return new SourceShape(ref, mesh, RealMeshOccupancy.of(mesh, RealMeshOccupancy.DEFAULT_HALF_THICKNESS, 1), attribution);
  }
}
