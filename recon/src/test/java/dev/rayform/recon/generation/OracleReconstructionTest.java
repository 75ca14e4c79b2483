package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.data.ViewSpec;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.data.procedural.ProceduralShape;
import dev.rayform.recon.eval.MeshMetrics;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.rays.RaySampler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ray-ONet's generation with a perfect network: the true occupancy of every ray sample, resampled
 * from the frustum, meshed and moved to the object frame, must give back the shape. This checks the
 * ray layout, the frustum resampling and the camera-to-object transform together.
 */
class OracleReconstructionTest {

  @Test
  void trueRayOccupanciesReconstructTheShape() {
    ProceduralShape shape = ProceduralGenerator.generate("sofa", 3);
    ViewSpec view = ViewSampler.defaults(224).draw(new SplittableRandom(5));
    Camera camera = view.camera();
    int r = 128;
    DepthSampling depths = DepthSampling.PAPER;
    float[] pixels = new float[2 * r * r];
    for (int v = 0; v < r; v++) {
      for (int u = 0; u < r; u++) {
        pixels[2 * (v * r + u)] = (u + 0.5f) / r;
        pixels[2 * (v * r + u) + 1] = (v + 0.5f) / r;
      }
    }
    boolean[] inside = shape.occupancy().inside(new RaySampler(depths).points(camera, view.objectScale(), pixels));
    float[] probs = new float[inside.length];
    for (int i = 0; i < inside.length; i++) {
      probs[i] = inside[i] ? 1f : 0f;
    }
    MetricsOptions options = MetricsOptions.defaults().withIouPoints(50_000);
    ScalarGrid frustum = FrustumGrid.resample(probs, r, r, depths, camera.intrinsics(), 128);
    ScalarGrid around = FrustumGrid.resampleAround(probs, r, r, depths, camera.intrinsics(), 128, 0.2f);
    double iouFrustum = iou(frustum, camera, view, shape, options), iouAround = iou(around, camera, view, shape, options);
    assertThat(iouFrustum).isGreaterThan(0.8);
    // The grid cropped to the object spends its resolution there: no worse, usually better.
    assertThat(iouAround).isGreaterThan(iouFrustum - 0.005);
    assertThat(around.spacing()).isLessThan(frustum.spacing() / 1.5);
  }

  private static double iou(ScalarGrid grid, Camera camera, ViewSpec view, ProceduralShape shape, MetricsOptions options) {
    Mesh object = CameraToObject.toObject(FrustumGrid.extractMesh(grid, 0.2f), camera.extrinsics(), view.objectScale());
    return MeshMetrics.iou(MeshInsideTest.of(object), shape.occupancy(), options);
  }
}
