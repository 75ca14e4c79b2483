package dev.rayform.recon.data.procedural;

/** A box centred at the origin with half extents {@code h} and edges rounded by {@code r} (exact). */
final class RoundedBox implements Sdf {
  private final double hx, hy, hz, r;

  RoundedBox(double hx, double hy, double hz, double r) {
    if (!(hx > 0 && hy > 0 && hz > 0) || r < 0 || r > Math.min(hx, Math.min(hy, hz))) {
      throw new IllegalArgumentException("bad rounded box " + hx + ", " + hy + ", " + hz + ", r " + r);
    }
    this.hx = hx - r;
    this.hy = hy - r;
    this.hz = hz - r;
    this.r = r;
  }

  @Override
  public double distance(double x, double y, double z) {
    double qx = Math.abs(x) - hx, qy = Math.abs(y) - hy, qz = Math.abs(z) - hz;
    double ox = Math.max(qx, 0), oy = Math.max(qy, 0), oz = Math.max(qz, 0);
    return Math.sqrt(ox * ox + oy * oy + oz * oz) + Math.min(Math.max(qx, Math.max(qy, qz)), 0) - r;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return Math.abs(ux) * hx + Math.abs(uy) * hy + Math.abs(uz) * hz + r * Math.sqrt(ux * ux + uy * uy + uz * uz);
  }
}
