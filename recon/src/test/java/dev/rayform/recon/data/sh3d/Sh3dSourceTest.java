package dev.rayform.recon.data.sh3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset from the real catalogues; skipped when scripts/fetch-sh3d has not run. */
class Sh3dSourceTest {

  @Test
  void realChairsBuildWithAttribution(@TempDir Path tmp) {
    assumeTrue(Sh3dCatalog.isAvailable(Sh3dCatalog.defaultRoot()), "Sweet Home 3D catalogues not fetched");
    Sh3dSource source = Sh3dSource.openDefault();
    assertThat(source.categories()).contains("chair", "table", "lamp", "sofa", "cabinet");
    DatasetSpec spec = DatasetSpec.defaults().withCategories(List.of("chair")).withShapes(2, 1)
        .withSizes(64, 200, 5000, 1000).withDepths(new DepthSampling(32, 0.63, 2.16));
    DatasetManifest m = new DatasetBuilder(source, spec).build(tmp, Progress.NONE);
    assertThat(m.failures()).isEmpty();
    assertThat(m.shapes()).hasSize(2);
    assertThat(tmp.resolve("ATTRIBUTION.md")).content().contains("sweethome3d");
    // A real chair occupies a sane share of the evaluation box.
    var points = dev.rayform.recon.data.DatasetFiles.readPoints(tmp.resolve(m.shapes().get(0).path()).resolve("points.bin"));
    long inside = 0;
    for (boolean b : points.occupied()) {
      inside += b ? 1 : 0;
    }
    assertThat(inside / (double) points.occupied().length).isBetween(0.01, 0.6);
  }
}
