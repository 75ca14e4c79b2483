package dev.rayform.recon.data.procedural;

/** Helpers that build polygons and oriented extrusions used by several grammars. */
final class Profiles {
  private Profiles() {}

  /**
   * A side profile: a polygon given as (z, y) pairs, extruded along x over [-width/2, width/2]
   * (stocks, car bodies, sails).
   */
  static Sdf side(double width, double... zy) {
    return Sdfs.extrude(width, zy).rotateY(-Math.PI / 2);
  }

  /** A plan: a polygon given as (x, z) pairs, extruded along y over [y0, y1]. */
  static Sdf plan(double y0, double y1, double... xz) {
    // rotateX(+90deg) takes local y to world z and the extrusion axis to world y
    return Sdfs.extrude(y1 - y0, xz).rotateX(Math.PI / 2).translate(0, (y0 + y1) / 2, 0);
  }

  /** A rectangle of the given size centred at the origin with corners rounded by r. */
  static double[] roundedRect(double w, double h, double r, int segments) {
    r = Math.min(r, 0.5 * Math.min(w, h) * 0.999);
    double[] xy = new double[8 * (segments + 1)];
    double[][] centres = {{w / 2 - r, h / 2 - r}, {-w / 2 + r, h / 2 - r}, {-w / 2 + r, -h / 2 + r}, {w / 2 - r, -h / 2 + r}};
    int k = 0;
    for (int c = 0; c < 4; c++) {
      for (int s = 0; s <= segments; s++) {
        double a = Math.PI / 2 * (c + (double) s / segments);
        xy[k++] = centres[c][0] + r * Math.cos(a);
        xy[k++] = centres[c][1] + r * Math.sin(a);
      }
    }
    return xy;
  }

  /**
   * A symmetric airfoil as (u, v) pairs: chord along u from -chord/2 (leading edge) to +chord/2,
   * thickness along v with the given thickness-to-chord ratio.
   */
  static double[] airfoil(double chord, double thickness) {
    int n = 10;
    double[] xy = new double[4 * n];
    int k = 0;
    for (int i = 0; i < n; i++) { // upper surface, leading to trailing
      double x = Math.pow((double) i / (n - 1), 1.6);
      xy[k++] = (x - 0.5) * chord;
      xy[k++] = half(x) * thickness * chord;
    }
    for (int i = n - 1; i >= 0; i--) { // lower surface back to the leading edge
      double x = Math.pow((double) i / (n - 1), 1.6);
      xy[k++] = (x - 0.5) * chord + (i == n - 1 ? -1e-4 * chord : 0);
      xy[k++] = -half(x) * thickness * chord - (i == n - 1 ? 1e-4 * chord : 0);
    }
    return xy;
  }

  private static double half(double x) {
    // zero at both ends, peak 0.5 near 30% chord
    return 1.3 * Math.sqrt(x) * (1 - x) + 0.004;
  }

  /** Swaps each (a, b) pair to (b, a). */
  static double[] swapped(double[] xy) {
    double[] out = new double[xy.length];
    for (int i = 0; i < xy.length; i += 2) {
      out[i] = xy[i + 1];
      out[i + 1] = xy[i];
    }
    return out;
  }

  /** A solid of revolution around the z axis from (r, z) pairs (fuselages, barrels, nacelles). */
  static Sdf latheZ(double... rz) {
    return Sdfs.lathe(rz).rotateX(Math.PI / 2);
  }

  /** A solid of revolution around the x axis from (r, x) pairs. */
  static Sdf latheX(double... rx) {
    return Sdfs.lathe(rx).rotateZ(-Math.PI / 2);
  }
}
