package dev.rayform.recon.data.procedural;

/** A torus around the y axis: ring radius {@code major}, tube radius {@code minor} (exact). */
final class Torus implements Sdf {
  private final double major, minor;

  Torus(double major, double minor) {
    if (!(major > 0 && minor > 0)) {
      throw new IllegalArgumentException("torus radii must be positive");
    }
    this.major = major;
    this.minor = minor;
  }

  @Override
  public double distance(double x, double y, double z) {
    double q = Math.sqrt(x * x + z * z) - major;
    return Math.sqrt(q * q + y * y) - minor;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return major * Math.sqrt(ux * ux + uz * uz) + minor * Math.sqrt(ux * ux + uy * uy + uz * uz);
  }
}
