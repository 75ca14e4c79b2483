package dev.rayform.recon.data.procedural;

/**
 * The superellipsoid {@code |x/a|^e + |y/b|^e + |z/c|^e <= 1}: an ellipsoid at e = 2, a rounded
 * box as e grows, a diamond-ish solid below 2. Distance is the norm minus one divided by the norm's
 * Lipschitz constant: a conservative bound with an exact sign.
 */
final class Superquadric implements Sdf {
  private final double ia, ib, ic, a, b, c, e, invE, dualQ, invLipschitz;

  Superquadric(double a, double b, double c, double exponent) {
    if (!(a > 0 && b > 0 && c > 0) || !(exponent >= 1.2 && exponent <= 12)) {
      throw new IllegalArgumentException("bad superquadric " + a + ", " + b + ", " + c + ", e " + exponent);
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.ia = 1 / a;
    this.ib = 1 / b;
    this.ic = 1 / c;
    this.e = exponent;
    this.invE = 1 / exponent;
    this.dualQ = exponent / (exponent - 1);
    // ||v||_e <= 3^(1/e - 1/2) ||v||_2 when e < 2, and <= ||v||_2 otherwise.
    double normFactor = Math.max(1, Math.pow(3, 1 / exponent - 0.5));
    this.invLipschitz = Math.min(a, Math.min(b, c)) / normFactor;
  }

  @Override
  public double distance(double x, double y, double z) {
    double u = Math.abs(x) * ia, v = Math.abs(y) * ib, w = Math.abs(z) * ic;
    double norm = e == 2 ? Math.sqrt(u * u + v * v + w * w)
        : Math.pow(Math.pow(u, e) + Math.pow(v, e) + Math.pow(w, e), invE);
    return (norm - 1) * invLipschitz;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    // Hoelder: the support is the dual norm of (a ux, b uy, c uz).
    double p = Math.abs(ux) * a, q = Math.abs(uy) * b, r = Math.abs(uz) * c;
    return Math.pow(Math.pow(p, dualQ) + Math.pow(q, dualQ) + Math.pow(r, dualQ), 1 / dualQ);
  }
}
