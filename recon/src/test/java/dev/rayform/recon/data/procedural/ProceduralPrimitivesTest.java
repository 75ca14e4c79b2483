package dev.rayform.recon.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Aabb;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProceduralPrimitivesTest {
  private static final double EPS = 1e-9;

  @Test
  void sphereDistancesAreExact() {
    Sdf s = Sdfs.sphere(0.5);
    assertThat(s.distance(0, 0, 0)).isCloseTo(-0.5, within(EPS));
    assertThat(s.distance(1, 0, 0)).isCloseTo(0.5, within(EPS));
    assertThat(s.distance(0, 0.3, 0.4)).isCloseTo(0.0, within(EPS));
    assertThat(s.translate(1, 2, 3).distance(1, 2, 4)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void roundedBoxDistancesAreExact() {
    Sdf box = Sdfs.box(2, 4, 6, 0);
    assertThat(box.distance(0, 0, 0)).isCloseTo(-1, within(EPS));
    assertThat(box.distance(2, 0, 0)).isCloseTo(1, within(EPS));
    assertThat(box.distance(2, 3, 0)).isCloseTo(Math.sqrt(2), within(EPS)); // corner region
    Sdf rounded = Sdfs.box(2, 2, 2, 0.5);
    assertThat(rounded.distance(1, 1, 0)).isCloseTo(Math.sqrt(0.5) - 0.5, within(EPS));
    assertThat(rounded.distance(0, 0, 1)).isCloseTo(0, within(EPS));
  }

  @Test
  void cylinderBetweenPointsIsExactAlongAnyAxis() {
    Sdf c = Sdfs.cylinder(0, 0, 0, 0, 0, 2, 0.5); // along z from 0 to 2
    assertThat(c.distance(0, 0, 1)).isCloseTo(-0.5, within(EPS));
    assertThat(c.distance(1.5, 0, 1)).isCloseTo(1.0, within(EPS));
    assertThat(c.distance(0, 0, 3)).isCloseTo(1.0, within(EPS));
    assertThat(c.distance(0, 3.5, 4)).isCloseTo(Math.hypot(3, 2), within(EPS)); // past the rim
    assertThat(c.bounds()).isEqualTo(new Aabb(-0.5, -0.5, 0, 0.5, 0.5, 2));
  }

  @Test
  void capsuleConeAndTorus() {
    Sdf cap = Sdfs.capsule(0, 0, 0, 1, 0, 0, 0.25);
    assertThat(cap.distance(0.5, 1, 0)).isCloseTo(0.75, within(EPS));
    assertThat(cap.distance(-1, 0, 0)).isCloseTo(0.75, within(EPS));
    Sdf cone = Sdfs.frustum(0, 1, 1, 0); // apex at y = 1
    assertThat(cone.distance(0, 0.5, 0)).isCloseTo(-0.5 / Math.sqrt(2), within(EPS));
    assertThat(cone.distance(0, -1, 0)).isCloseTo(1, within(EPS));
    assertThat(cone.distance(0, 2, 0)).isCloseTo(1, within(EPS));
    Sdf torus = Sdfs.torus(1, 0.25);
    assertThat(torus.distance(1, 0, 0)).isCloseTo(-0.25, within(EPS));
    assertThat(torus.distance(0, 0, 0)).isCloseTo(0.75, within(EPS));
    assertThat(torus.distance(0, 0, 1.5)).isCloseTo(0.25, within(EPS));
  }

  @Test
  void latheAndExtrusionOfPolygons() {
    Sdf cyl = Sdfs.lathe(0, 0, 1, 0, 1, 2, 0, 2); // r <= 1, 0 <= y <= 2
    assertThat(cyl.distance(0, 1, 0)).isCloseTo(-1, within(EPS));
    assertThat(cyl.distance(0, 1, 3)).isCloseTo(2, within(EPS));
    Sdf prism = Sdfs.extrude(2, 0, 0, 1, 0, 0, 1); // right triangle, z in [-1, 1]
    assertThat(prism.distance(0.25, 0.25, 0)).isCloseTo(-0.25, within(EPS));
    assertThat(prism.distance(-1, 0, 0)).isCloseTo(1, within(EPS));
    assertThat(prism.distance(0.25, 0.25, 3)).isCloseTo(2, within(EPS));
    assertThat(prism.bounds()).isEqualTo(new Aabb(0, 0, -1, 1, 1, 1));
  }

  @Test
  void superquadricAndScalesKeepTheSignExact() {
    Sdf ellipsoid = Sdfs.superquadric(2, 1, 0.5, 2);
    assertThat(ellipsoid.contains(1.9, 0, 0)).isTrue();
    assertThat(ellipsoid.contains(0, 1.01, 0)).isFalse();
    assertThat(ellipsoid.distance(3, 0, 0)).isBetween(0.0, 1.0); // a bound, never above the truth
    Sdf boxy = Sdfs.superquadric(1, 1, 1, 10);
    assertThat(boxy.contains(0.9, 0.9, 0)).isTrue();
    assertThat(boxy.support(1, 1, 0)).isBetween(1.8, 2.0);
    Sdf squashed = Sdfs.sphere(1).scale(2, 1, 1);
    assertThat(squashed.contains(1.95, 0, 0)).isTrue();
    assertThat(squashed.contains(2.05, 0, 0)).isFalse();
    assertThat(squashed.bounds().maxX()).isCloseTo(2, within(EPS));
  }

  @Test
  void loftTapersAndShifts() {
    // unit square section, z in [-1, 1], scaling 1 -> 0.5 and shifting x by 1
    Sdf loft = Sdfs.loft(2, 1, 0.5, 0, 0, 1, 0, -0.5, -0.5, 0.5, -0.5, 0.5, 0.5, -0.5, 0.5);
    assertThat(loft.contains(0, 0, -0.99)).isTrue();
    assertThat(loft.contains(0.45, 0, -0.99)).isTrue();
    assertThat(loft.contains(0.3, 0, 0.99)).isFalse(); // the tip is centred at x = 1, half width 0.25
    assertThat(loft.contains(1.2, 0, 0.99)).isTrue();
    assertThat(loft.bounds()).isEqualTo(new Aabb(-0.5, -0.5, -1, 1.25, 0.5, 1));
  }

  @Test
  void booleansAndRigidTransforms() {
    Sdf a = Sdfs.sphere(1), b = Sdfs.sphere(1).translate(1.5, 0, 0);
    assertThat(a.union(b).distance(0.75, 0, 0)).isLessThan(0);
    assertThat(a.intersect(b).contains(0.75, 0, 0)).isTrue();
    assertThat(a.intersect(b).contains(-0.5, 0, 0)).isFalse();
    assertThat(a.subtract(b).contains(-0.5, 0, 0)).isTrue();
    assertThat(a.subtract(b).contains(0.75, 0, 0)).isFalse();
    Sdf rotated = Sdfs.box(2, 0.2, 0.2, 0).rotateZ(Math.PI / 2).translate(0, 0, 5);
    assertThat(rotated.contains(0, 0.9, 5)).isTrue();
    assertThat(rotated.contains(0.9, 0, 5)).isFalse();
    assertThat(rotated.bounds().maxY()).isCloseTo(1, within(EPS));
  }

  @Test
  void containsAgreesWithTheDistanceSignAndDistancesAreLipschitz() {
    Sdf shape = Sdfs.union(Sdfs.box(1, 0.2, 1, 0.05).translate(0, 0.5, 0),
        Sdfs.cylinder(0, 0, 0, 0, 0.5, 0, 0.1).subtract(Sdfs.sphere(0.05)),
        Sdfs.superquadric(0.3, 0.1, 0.2, 4).rotateY(0.7).translate(0.3, 0.8, 0),
        Sdfs.loft(0.5, 1, 0.3, 0, 0, 0.2, 0.1, Profiles.airfoil(0.4, 0.12)).translate(-0.4, 0.2, 0));
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 20000; i++) {
      double x = r.nextDouble(-1, 1), y = r.nextDouble(-0.5, 1.5), z = r.nextDouble(-1, 1);
      double d = shape.distance(x, y, z);
      assertThat(shape.contains(x, y, z)).isEqualTo(d < 0);
      // a conservative field is 1-Lipschitz: a neighbour is no closer to the surface than |d| - step
      double step = 0.01;
      assertThat(Math.abs(shape.distance(x + step, y, z) - d)).isLessThanOrEqualTo(step + 1e-9);
    }
  }

  @Test
  void tightBoundsFindRotatedAndCarvedExtremes() {
    Sdf carved = Sdfs.box(2, 2, 2, 0).subtract(Sdfs.box(1, 3, 3, 0).translate(1, 0, 0)); // x in [-1, 0.5]
    ShapeSdf shape = ShapeSdf.of(java.util.List.of("a", "b"),
        java.util.List.of(carved, Sdfs.box(0.1, 0.1, 3, 0).rotateX(0.5)));
    Aabb box = shape.tightBounds();
    assertThat(box.maxX()).isCloseTo(0.5, within(0.005));
    assertThat(box.minX()).isCloseTo(-1, within(0.005));
    double zExtent = 1.5 * Math.cos(0.5) + 0.05 * Math.sin(0.5);
    assertThat(box.maxZ()).isCloseTo(zExtent, within(0.005));
    assertThat(box.maxY()).isCloseTo(1, within(0.005));
  }
}
