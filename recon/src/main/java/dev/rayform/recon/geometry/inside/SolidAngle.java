package dev.rayform.recon.geometry.inside;

/** Signed solid angle of a triangle seen from a point (Van Oosterom and Strackee, 1983). */
final class SolidAngle {
  private SolidAngle() {}

  /**
   * Solid angle in steradians of triangle (a, b, c), positive when the point lies on the side the
   * counter-clockwise normal points away from (inside a closed outward-oriented mesh).
   */
  static double of(float[] v, int o, double qx, double qy, double qz) {
    double ax = v[o] - qx, ay = v[o + 1] - qy, az = v[o + 2] - qz;
    double bx = v[o + 3] - qx, by = v[o + 4] - qy, bz = v[o + 5] - qz;
    double cx = v[o + 6] - qx, cy = v[o + 7] - qy, cz = v[o + 8] - qz;
    double la = Math.sqrt(ax * ax + ay * ay + az * az);
    double lb = Math.sqrt(bx * bx + by * by + bz * bz);
    double lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
    double det = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    double den = la * lb * lc + (ax * bx + ay * by + az * bz) * lc
        + (bx * cx + by * cy + bz * cz) * la + (cx * ax + cy * ay + cz * az) * lb;
    return 2 * Math.atan2(det, den);
  }
}
