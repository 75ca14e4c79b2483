package dev.rayform.recon.generation;

import dev.rayform.recon.eval.SurfaceSampler;
import dev.rayform.recon.geometry.Mesh;

/**
 * Which way is up in a reconstruction. Ray-ONet reconstructs in the photo's camera frame, and a
 * catalogue photo looks down on its product (training renders from 20-40 degrees above), so in the
 * viewer frame (y up of the camera) every product leans back by the camera's elevation: a table
 * stands tilted in an AR viewer and its real dimensions are fitted to a tilted box.
 *
 * <p>The photo carries no horizon, so the elevation is read from the shape: furniture and goods are
 * built along a vertical axis and two horizontal ones, and the tightest box around the surface (over
 * a rotation about the camera's x axis, the pitch, and about the vertical, the yaw) is the one upright
 * in the product's own frame. A weak prior around 30 degrees, the middle of what the network was
 * trained on, steadies it on round or noisy shapes. The photo is taken as level (no roll). Extents
 * are trimmed to the 1st-99th percentile so stray fragments do not set the box. The yaw that aligns
 * the box is kept within 45 degrees, so the side facing the camera becomes the product's front (+z).
 */
public final class UprightEstimate {
  /** Pitches searched, degrees: from looking slightly up to looking steeply down. */
  public static final int MIN_PITCH = -20, MAX_PITCH = 70;
  /** A known camera elevation lies strictly between minus and plus this many degrees. */
  public static final double MAX_ELEVATION = 90;
  /** The prior's centre and width, degrees; its weight against the box's log-volume. */
  static final double PRIOR_PITCH = 30, PRIOR_WIDTH = 30, PRIOR_WEIGHT = 0.2;
  static final int SAMPLES = 3000;
  private static final long SEED = 20261206L;
  private static final double TRIM = 0.01;

  /** The camera's pitch (degrees above the product, positive looking down) and the yaw that squares the box. */
  public record Orientation(double pitchDegrees, double yawDegrees) {
    /**
     * The rotation (3x4, row-major, no translation) that stands a viewer-frame mesh upright: first
     * the pitch about x (the world's up (0, cos p, sin p) to (0, 1, 0)), then the yaw about y.
     */
    public double[] matrix() {
      double p = Math.toRadians(pitchDegrees), w = Math.toRadians(yawDegrees);
      double cp = Math.cos(p), sp = Math.sin(p), cw = Math.cos(w), sw = Math.sin(w);
      // yaw [[cw,0,sw],[0,1,0],[-sw,0,cw]] times pitch [[1,0,0],[0,cp,sp],[0,-sp,cp]]
      return new double[] {
        cw, -sw * sp, sw * cp, 0,
        0, cp, sp, 0,
        -sw, -cw * sp, cw * cp, 0};
    }
  }

  private UprightEstimate() {}

  /** Whether {@code degrees} can be a known camera elevation: strictly between -90 and 90 (NaN cannot). */
  public static boolean isCameraElevation(double degrees) {
    return Math.abs(degrees) < MAX_ELEVATION;
  }

  /** The orientation of a viewer-frame mesh (x right, y up of the camera, z towards it); level for an empty one. */
  public static Orientation estimate(Mesh viewerMesh) {
    return estimate(viewerMesh, null);
  }

  /**
   * As {@link #estimate(Mesh)}, with the camera's elevation given when it is known (a studio's fixed
   * camera; degrees, strictly between -90 and 90): then only the yaw is read from the shape.
   */
  public static Orientation estimate(Mesh viewerMesh, Double knownPitch) {
    if (knownPitch != null && !isCameraElevation(knownPitch)) {
      throw new IllegalArgumentException("a camera elevation must be strictly between -" + MAX_ELEVATION + " and " + MAX_ELEVATION
          + " degrees, got " + knownPitch);
    }
    if (viewerMesh.isEmpty() || !(viewerMesh.area() > 0)) {
      return new Orientation(knownPitch != null ? knownPitch : 0, 0);
    }
    float[] p = SurfaceSampler.sample(viewerMesh, SAMPLES, SEED).points();
    int n = p.length / 3;
    double[] x = new double[n], y = new double[n], z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = p[3 * i];
      y[i] = p[3 * i + 1];
      z[i] = p[3 * i + 2];
    }
    if (knownPitch != null) {
      return new Orientation(knownPitch, score(knownPitch, x, y, z)[2]);
    }
    // Coarse to fine: every third degree, then each degree around the best.
    double[] best = null;
    for (int pitch = MIN_PITCH; pitch <= MAX_PITCH; pitch += 3) {
      best = better(best, score(pitch, x, y, z));
    }
    int coarse = (int) best[1];
    for (int pitch = Math.max(MIN_PITCH, coarse - 2); pitch <= Math.min(MAX_PITCH, coarse + 2); pitch++) {
      if (pitch != coarse) {
        best = better(best, score(pitch, x, y, z));
      }
    }
    return new Orientation(best[1], best[2]);
  }

  private static double[] better(double[] best, double[] candidate) {
    return best == null || candidate[0] < best[0] ? candidate : best;
  }

  /** {score, pitch, yaw}: the trimmed box's log-volume at this pitch (with its best yaw) plus the prior. */
  private static double[] score(double pitch, double[] x, double[] y, double[] z) {
    int n = x.length;
    double t = Math.toRadians(pitch), c = Math.cos(t), s = Math.sin(t);
    double[] yp = new double[n], zp = new double[n];
    for (int i = 0; i < n; i++) {
      yp[i] = y[i] * c + z[i] * s;
      zp[i] = -y[i] * s + z[i] * c;
    }
    double[] footprint = smallestFootprint(x, zp);
    double volume = trimmedExtent(yp) * footprint[0];
    double prior = (pitch - PRIOR_PITCH) / PRIOR_WIDTH;
    return new double[] {Math.log(Math.max(volume, 1e-300)) + PRIOR_WEIGHT * prior * prior, pitch, footprint[1]};
  }

  /** The smallest trimmed x-z rectangle over yaws every third degree, and its yaw within (-45, 45]: {area, yaw}. */
  private static double[] smallestFootprint(double[] x, double[] z) {
    int n = x.length;
    double[] a = new double[n], b = new double[n];
    double best = Double.POSITIVE_INFINITY, bestYaw = 0;
    for (int yaw = -42; yaw <= 45; yaw += 3) {
      double w = Math.toRadians(yaw), c = Math.cos(w), s = Math.sin(w);
      for (int i = 0; i < n; i++) {
        a[i] = x[i] * c + z[i] * s;
        b[i] = -x[i] * s + z[i] * c;
      }
      double area = trimmedExtent(a) * trimmedExtent(b);
      if (area < best) {
        best = area;
        bestYaw = yaw;
      }
    }
    return new double[] {best, bestYaw};
  }

  /** The spread between the 1st and the 99th percentile (reorders {@code v}). */
  private static double trimmedExtent(double[] v) {
    int lo = (int) Math.floor(TRIM * (v.length - 1)), hi = (int) Math.ceil((1 - TRIM) * (v.length - 1));
    return select(v, hi) - select(v, lo);
  }

  /** The {@code k}-th smallest value (from 0), by quickselect with a median-of-three pivot: what sorting would put there. */
  static double select(double[] v, int k) {
    int left = 0, right = v.length - 1;
    while (left < right) {
      int mid = (left + right) >>> 1;
      double a = v[left], b = v[mid], c = v[right];
      double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      int i = left, j = right;
      while (i <= j) {
        while (v[i] < pivot) {
          i++;
        }
        while (v[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = v[i];
          v[i++] = v[j];
          v[j--] = t;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return v[k];
      }
    }
    return v[k];
  }
}
