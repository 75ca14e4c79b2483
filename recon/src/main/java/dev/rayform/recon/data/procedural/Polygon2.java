package dev.rayform.recon.data.procedural;

/** A simple closed 2D polygon with an exact signed distance (even-odd inside test). */
final class Polygon2 {
  final double[] xs, ys;
  private final double[] invEdgeLen2;

  Polygon2(double... xy) {
    if (xy.length < 6 || xy.length % 2 != 0) {
      throw new IllegalArgumentException("a polygon needs at least 3 x,y pairs");
    }
    int n = xy.length / 2;
    xs = new double[n];
    ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = xy[2 * i];
      ys[i] = xy[2 * i + 1];
    }
    invEdgeLen2 = new double[n];
    for (int i = 0; i < n; i++) {
      int j = i == 0 ? n - 1 : i - 1;
      double ex = xs[j] - xs[i], ey = ys[j] - ys[i];
      double len2 = ex * ex + ey * ey;
      invEdgeLen2[i] = len2 > 0 ? 1 / len2 : 0;
    }
  }

  int size() {
    return xs.length;
  }

  double distance(double px, double py) {
    int n = xs.length;
    double best = Double.POSITIVE_INFINITY;
    boolean inside = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double ex = xs[j] - xs[i], ey = ys[j] - ys[i];
      double wx = px - xs[i], wy = py - ys[i];
      double t = Math.min(Math.max((wx * ex + wy * ey) * invEdgeLen2[i], 0), 1);
      double dx = wx - ex * t, dy = wy - ey * t;
      double d2 = dx * dx + dy * dy;
      if (d2 < best) {
        best = d2;
      }
      if ((ys[i] > py) != (ys[j] > py) && px < ex * (py - ys[i]) / ey + xs[i]) {
        inside = !inside;
      }
    }
    double d = Math.sqrt(best);
    return inside ? -d : d;
  }

  /** max over vertices of (ux * x + uy * y). */
  double support(double ux, double uy) {
    double s = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < xs.length; i++) {
      s = Math.max(s, ux * xs[i] + uy * ys[i]);
    }
    return s;
  }

  /** Largest distance of a vertex from the origin. */
  double radius() {
    double r = 0;
    for (int i = 0; i < xs.length; i++) {
      r = Math.max(r, Math.hypot(xs[i], ys[i]));
    }
    return r;
  }
}
