package dev.rayform.recon.data.sh3d;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on the real catalogues when scripts/fetch-sh3d has fetched them; skipped otherwise. */
class Sh3dRealCatalogTest {
  @TempDir Path dir;

  @Test
  void loadsTheRealCatalogues() {
    Path root = Sh3dCatalog.defaultRoot();
    Assumptions.assumeTrue(Sh3dCatalog.isAvailable(root), "no Sweet Home 3D cache at " + root + " (run scripts/fetch-sh3d)");
    boolean all = Boolean.getBoolean("rayform.sh3d.all");
    try (Sh3dCatalog c = Sh3dCatalog.load(root)) {
      assertThat(c.items()).hasSizeGreaterThan(800);
      Map<String, Integer> perCategory = new TreeMap<>();
      int loaded = 0, failed = 0, empty = 0, step = all ? 1 : 20;
      long start = System.nanoTime();
      for (int i = 0; i < c.items().size(); i += step) {
        Sh3dItem item = c.items().get(i);
        try {
          Mesh m = c.mesh(item);
          if (m.isEmpty()) {
            empty++;
            System.out.println("sh3d empty: " + item);
          } else {
            loaded++;
          }
        } catch (RuntimeException e) {
          failed++;
          System.out.println("sh3d failed: " + item + ": " + e.getMessage());
        }
      }
      for (Sh3dItem item : c.items()) {
        perCategory.merge(String.valueOf(item.shapeNetCategory()), 1, Integer::sum);
      }
      System.out.printf("sh3d: %d items, %d loaded, %d empty, %d failed (every %d-th item) in %.1f s; per category %s%n",
          c.items().size(), loaded, empty, failed, step, (System.nanoTime() - start) / 1e9, perCategory);
      assertThat(failed).isZero();
      assertThat(empty).isLessThanOrEqualTo(loaded / 20);
      c.writeAttribution(dir.resolve("ATTRIBUTION.csv"));

      // the classed source and sh3d-other split the visible items between them, none in both
      Sh3dSource classed = new Sh3dSource(c), other = new Sh3dSource(c, true);
      java.util.Set<String> classedIds = new java.util.HashSet<>();
      classed.categories().forEach(k -> classed.shapes(k, Integer.MAX_VALUE, 0).forEach(r -> classedIds.add(r.sourceId())));
      var otherRefs = other.shapes(dev.rayform.recon.data.ShapeSource.UNCLASSED, Integer.MAX_VALUE, 0);
      assertThat(classedIds).hasSizeGreaterThan(250);
      assertThat(otherRefs).hasSizeGreaterThan(600).noneMatch(r -> classedIds.contains(r.sourceId()));
      long visible = c.items().stream().filter(i -> ShapeNetCategories.visible(i.name())).count();
      assertThat(classedIds.size() + otherRefs.size()).isEqualTo((int) visible);
    }
  }
}
