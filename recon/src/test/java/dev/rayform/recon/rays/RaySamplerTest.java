package dev.rayform.recon.rays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Occupancy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RaySamplerTest {
  private final Camera camera = new Camera(Intrinsics.centered(224, 224, 1.2), Extrinsics.orbit(40, 30, 1.4));
  private final Occupancy sphere = (x, y, z) -> x * x + y * y + z * z < 0.3 * 0.3;

  @Test
  void depthsAreEquallySpacedBetweenTheBounds() {
    double[] d = DepthSampling.PAPER.depths();
    assertThat(d).hasSize(128);
    assertThat(d[0]).isEqualTo(0.63);
    assertThat(d[127]).isCloseTo(2.16, within(1e-12));
    assertThat(d[64] - d[63]).isCloseTo(1.53 / 127, within(1e-12));
  }

  @Test
  void centralRayIsOccupiedExactlyWhereItCrossesTheSphere() {
    RaySampler sampler = new RaySampler(DepthSampling.PAPER);
    // Scale 2: the world sphere has radius 0.6 and the centre ray crosses it for depths 0.8..2.0.
    RayLabels labels = sampler.label(camera, 2.0, sphere, new float[] {0.5f, 0.5f});
    for (int j = 0; j < 128; j++) {
      double depth = DepthSampling.PAPER.depth(j);
      assertThat(labels.occupied(0, j)).as("depth %f", depth).isEqualTo(Math.abs(depth - 1.4) < 0.6);
    }
  }

  @Test
  void everyLabelMatchesTheOccupancyOfItsPoint() {
    RaySampler sampler = new RaySampler(new DepthSampling(32, 0.63, 2.16));
    RayLabels labels = sampler.sample(camera, 1.0, sphere, 500, new SplittableRandom(3));
    assertThat(labels.k()).isEqualTo(500);
    for (int r = 0; r < 500; r++) {
      float px = labels.pixels()[2 * r], py = labels.pixels()[2 * r + 1];
      assertThat(px).isBetween(0f, 1f);
      for (int j = 0; j < 32; j++) {
        double[] w = camera.pixelToWorld(px * 224, py * 224, sampler.depths().depth(j));
        assertThat(labels.occupied(r, j)).isEqualTo(sphere.inside(w[0], w[1], w[2]));
      }
    }
    assertThat(labels.occupiedFraction()).isBetween(0.01, 0.5);
  }

  @Test
  void samplingIsReproducibleForASeed() {
    RaySampler sampler = new RaySampler(DepthSampling.PAPER);
    RayLabels a = sampler.sample(camera, 1.0, sphere, 100, new SplittableRandom(9));
    RayLabels b = sampler.sample(camera, 1.0, sphere, 100, new SplittableRandom(9));
    assertThat(a.pixels()).isEqualTo(b.pixels());
    assertThat(a.occupancy()).isEqualTo(b.occupancy());
  }

  @Test
  void bitPackingRoundTrips() {
    boolean[] bits = new boolean[77];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < bits.length; i++) {
      bits[i] = random.nextBoolean();
    }
    byte[] packed = BitPacking.pack(bits);
    assertThat(packed).hasSize(10);
    assertThat(BitPacking.unpack(packed, 77)).isEqualTo(bits);
  }
}
