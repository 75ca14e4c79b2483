package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Airplanes with the nose at +z: airliners (swept wings, podded engines), fighters (delta wings,
 * one or two fins), light propeller planes (straight high or low wing, propeller) and gliders
 * (very long slender wings). Wings and tail surfaces are tapered, swept lofts of an airfoil.
 */
final class AirplaneGrammar implements CategoryGrammar {
  private static final int AIRLINER = 0, FIGHTER = 1, PROP = 2, GLIDER = 3;
  /** Thin tips would vanish in 128^3 meshes; surfaces are grown by this (fuselage length 1). */
  private static final double MIN_HALF_THICKNESS = 0.0035;

  @Override
  public String category() {
    return "airplane";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int kind = dice.pick(0.4, 0.25, 0.22, 0.13);
    double len = 1.0;
    double radius = len * switch (kind) {
      case AIRLINER -> dice.range(0.045, 0.07);
      case FIGHTER -> dice.range(0.04, 0.06);
      case GLIDER -> dice.range(0.025, 0.035);
      default -> dice.range(0.05, 0.075);
    };
    double span = len * switch (kind) {
      case AIRLINER -> dice.range(0.8, 1.15);
      case FIGHTER -> dice.range(0.45, 0.7);
      case GLIDER -> dice.range(1.5, 2.2);
      default -> dice.range(0.9, 1.3);
    };
    double rootChord = kind == FIGHTER ? len * dice.range(0.35, 0.5) : kind == GLIDER ? len * dice.range(0.07, 0.1)
        : len * dice.range(0.12, 0.22);
    double taper = kind == FIGHTER ? dice.range(0.05, 0.25) : kind == PROP ? dice.range(0.6, 1.0) : dice.range(0.25, 0.5);
    double sweep = kind == FIGHTER ? dice.range(0.6, 1.0) : kind == AIRLINER ? dice.range(0.35, 0.65) : dice.range(-0.05, 0.1);
    double dihedral = kind == FIGHTER ? dice.range(-0.08, 0.02) : dice.range(0.0, 0.12);
    double thickness = dice.range(0.08, 0.14);
    double wingZ = kind == FIGHTER ? dice.range(-0.2, -0.05) : dice.range(-0.05, 0.12);
    double wingY = radius * (kind == PROP && dice.chance(0.5) ? 0.8 : kind == AIRLINER ? -0.55 : dice.range(-0.6, 0.6));
    boolean tTail = kind != FIGHTER && dice.chance(0.3);

    float[] paint = shape.colour(dice.chance(0.6) ? Material.LIGHT : Material.PAINT);
    float[] accent = shape.colour(dice.chance(0.5) ? Material.PAINT : Material.METAL);
    float[] dark = shape.colour(Material.DARK);

    double nose = len * (kind == FIGHTER ? dice.range(0.2, 0.3) : dice.range(0.08, 0.15));
    double tail = len * dice.range(0.25, 0.4);
    double tailR = radius * (kind == GLIDER ? 0.25 : dice.range(0.2, 0.4));
    double z0 = -len / 2, z1 = len / 2;
    Sdf fuselage = Profiles.latheZ(0, z0, tailR, z0, radius, z0 + tail, radius, z1 - nose,
        radius * 0.75, z1 - nose * 0.45, radius * 0.3, z1 - nose * 0.08, 0, z1);
    shape.add("fuselage", paint, fuselage);

    List<Sdf> wings = new ArrayList<>();
    for (int side = -1; side <= 1; side += 2) {
      wings.add(halfWing(side, span / 2, rootChord, taper, sweep, dihedral, thickness).translate(0, wingY, wingZ));
    }
    double hSpan = span * (kind == FIGHTER ? dice.range(0.5, 0.7) : dice.range(0.3, 0.42));
    double hChord = rootChord * (kind == FIGHTER ? 0.35 : dice.range(0.45, 0.7));
    double finH = radius * dice.range(2.2, 4.0) * (kind == GLIDER ? 1.6 : 1);
    double finChord = Math.max(rootChord * dice.range(0.5, 0.9), tail * 0.5) * (kind == FIGHTER ? 0.6 : 1);
    double finZ = z0 + finChord * 0.5;
    List<Sdf> tailParts = new ArrayList<>();
    if (kind == FIGHTER && dice.chance(0.5)) {
      for (int s = -1; s <= 1; s += 2) {
        tailParts.add(fin(finH, finChord, sweep * 0.8).rotateZ(-s * 0.3).translate(s * radius * 0.7, radius * 0.4, finZ));
      }
    } else {
      tailParts.add(fin(finH, finChord, Math.max(sweep, 0.3)).translate(0, tailR * 0.5, finZ));
    }
    double stabY = tTail ? tailR * 0.5 + finH * 0.95 : radius * 0.1;
    double stabZ = tTail ? finZ - finH * 0.95 * Math.max(sweep, 0.3) : z0 + hChord * 0.6;
    for (int side = -1; side <= 1; side += 2) {
      tailParts.add(halfWing(side, hSpan / 2, hChord, 0.6, Math.max(sweep, 0.2), dihedral * 0.5, 0.1)
          .translate(0, stabY, stabZ));
    }
    shape.add("wings", paint, wings);
    shape.add("tail", accent, tailParts);

    List<Sdf> extras = new ArrayList<>();
    if (kind == AIRLINER) {
      int engines = dice.chance(0.7) ? 2 : 4;
      double nr = radius * dice.range(0.35, 0.55), nl = rootChord * dice.range(0.6, 0.9);
      for (int i = 0; i < engines; i++) {
        double s = (i % 2 == 0 ? 1 : -1) * (engines == 2 ? 0.33 : (i < 2 ? 0.27 : 0.55));
        double x = s * span / 2;
        double zLead = wingZ + rootChord * 0.5 - Math.abs(x) * sweep;
        double y = wingY + Math.abs(x) * dihedral - nr * 1.3;
        extras.add(Profiles.latheZ(0, zLead - nl * 0.4, nr * 0.8, zLead - nl * 0.4, nr, zLead + nl * 0.5,
            nr * 0.95, zLead + nl * 0.6, 0, zLead + nl * 0.6).translate(x, y, 0));
        extras.add(Sdfs.box(0.006, nr * 1.2, nl * 0.6, 0.002).translate(x, y + nr * 0.8, zLead + nl * 0.05));
      }
    } else if (kind == PROP) {
      double pr = radius * dice.range(2.0, 3.0);
      extras.add(Sdfs.sphere(radius * 0.4).scale(1, 1, 1.5).translate(0, 0, z1));
      int blades = dice.between(2, 4);
      for (int i = 0; i < blades; i++) {
        double a = Math.PI * 2 * i / blades;
        extras.add(Sdfs.box(pr * 0.12, pr, 0.01, 0.003).translate(0, pr / 2, 0).rotateZ(a).translate(0, 0, z1 + 0.01));
      }
      if (dice.chance(0.6)) {
        double gearY = -radius - len * 0.06, wr = radius * 0.35;
        for (int s = -1; s <= 1; s += 2) {
          extras.add(Sdfs.capsule(0, -radius * 0.5, wingZ, s * radius * 1.5, gearY, wingZ, 0.006));
          extras.add(Sdfs.cylinder(s * radius * 1.5 - 0.01, gearY, wingZ, s * radius * 1.5 + 0.01, gearY, wingZ, wr));
        }
      }
    }
    if (kind != GLIDER || dice.chance(0.5)) {
      double cl = nose * dice.range(0.8, 1.5);
      extras.add(Sdfs.sphere(1).scale(radius * 0.6, radius * 0.55, cl / 2).translate(0, radius * 0.55,
          z1 - nose - cl * 0.2 + (kind == FIGHTER ? cl * 0.3 : 0)));
    }
    shape.add("details", dark, extras);
  }

  /** A wing from the root at the origin out to x = side * halfSpan, leading edge towards +z. */
  private static Sdf halfWing(int side, double halfSpan, double chord, double taper, double sweep,
      double dihedral, double thickness) {
    // The loft runs along local z (span). Rotating by side * 90 degrees about y takes local z to
    // world side * x and local x to world -side * z, so the left wing uses a mirrored airfoil.
    double[] section = Profiles.airfoil(chord, thickness);
    if (side < 0) {
      for (int i = 0; i < section.length; i += 2) {
        section[i] = -section[i];
      }
    }
    Sdf loft = Sdfs.loft(halfSpan, 1, taper, 0, 0, side * halfSpan * sweep, halfSpan * dihedral, section);
    return loft.translate(0, 0, halfSpan / 2).rotateY(side * Math.PI / 2).offset(MIN_HALF_THICKNESS);
  }

  /** A vertical fin from y = 0 up to {@code height}, chord along z centred at z = 0, swept back. */
  private static Sdf fin(double height, double chord, double sweep) {
    // rotateX(-90deg) takes local z to world y and local y to world -z; the airfoil's leading edge
    // is at local y = -chord / 2, i.e. towards world +z.
    double[] section = Profiles.swapped(Profiles.airfoil(chord, 0.1));
    return Sdfs.loft(height, 1, 0.55, 0, 0, 0, height * sweep, section)
        .translate(0, 0, height / 2).rotateX(-Math.PI / 2).offset(MIN_HALF_THICKNESS);
  }
}
