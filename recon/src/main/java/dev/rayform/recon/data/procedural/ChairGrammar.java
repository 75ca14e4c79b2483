package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Chairs: a box or round seat; four (optionally splayed, braced) legs, a pedestal with a star or
 * disc foot, a sled frame or side panels; a panel, slatted, railed or cushioned back with tilt;
 * optional box or tube arms.
 */
final class ChairGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "chair";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.40, 0.62);
    boolean roundSeat = dice.chance(0.2);
    double d = roundSeat ? w : dice.range(0.38, 0.58);
    double h = dice.range(0.38, 0.52);
    double t = dice.range(0.025, 0.10);
    double seatRound = dice.range(0.0, 0.45) * t;
    double backH = dice.range(0.25, 0.65);
    double tilt = dice.range(0.0, 0.3);
    double backT = dice.range(0.02, 0.07);
    double backW = w * dice.range(0.7, 1.0);
    double legR = dice.range(0.012, 0.032);
    double inset = dice.range(0.0, 0.06);
    double splay = dice.range(0.0, 0.09);
    int base = dice.pick(0.5, 0.2, 0.15, 0.15);
    int back = dice.pick(0.4, 0.2, 0.2, 0.2);
    int arms = dice.pick(0.6, 0.25, 0.15);
    double armH = dice.range(0.16, 0.28);

    float[] frame = shape.colour(dice.chance(0.6) ? Material.WOOD : Material.METAL);
    float[] seatColour = dice.chance(0.5) ? frame : shape.colour(Material.FABRIC);

    Sdf seat = roundSeat
        ? Sdfs.cylinder(0, h - t, 0, 0, h, 0, w / 2)
        : Sdfs.box(w, t, d, seatRound).translate(0, h - t / 2, 0);
    shape.add("seat", seatColour, seat);

    double under = h - t;
    List<Sdf> legs = new ArrayList<>();
    switch (base) {
      case 0 -> fourLegs(dice, legs, w, d, under, legR, inset, splay, roundSeat);
      case 1 -> pedestal(dice, legs, w, under);
      case 2 -> sled(legs, w, d, under, legR, inset);
      default -> {
        double pt = dice.range(0.015, 0.04);
        for (int s = -1; s <= 1; s += 2) {
          legs.add(Sdfs.boxBetween(s * (w / 2 - inset), 0, -d / 2 + inset,
              s * (w / 2 - inset - pt), under, d / 2 - inset, 0.004));
        }
      }
    }
    shape.add("base", frame, legs);

    double pivotZ = roundSeat ? -w / 2 + backT * 0.8 : -d / 2 + backT / 2;
    List<Sdf> backParts = new ArrayList<>();
    List<Sdf> cushion = new ArrayList<>();
    double postW = dice.range(0.018, 0.04);
    switch (back) {
      case 0 -> backParts.add(Sdfs.box(backW, backH, backT, dice.range(0, 0.5) * backT).translate(0, backH / 2, 0));
      case 1, 2 -> {
        posts(backParts, backW, backH, backT, postW);
        int n = dice.between(2, 6);
        double rail = dice.range(0.015, 0.05);
        backParts.add(Sdfs.box(backW, rail * 1.5, backT, 0.003).translate(0, backH - rail * 0.75, 0));
        if (back == 1) {
          double inner = backW - 2 * postW;
          for (int i = 0; i < n; i++) {
            double x = -inner / 2 + inner * (i + 0.5) / n;
            backParts.add(Sdfs.box(Math.min(rail, inner / n * 0.7), backH, backT * 0.6, 0.002).translate(x, backH / 2, 0));
          }
        } else {
          for (int i = 0; i < n; i++) {
            double y = backH * (0.15 + 0.65 * i / Math.max(n - 1, 1));
            backParts.add(Sdfs.box(backW, rail, backT * 0.6, 0.002).translate(0, y, 0));
          }
        }
      }
      default -> {
        posts(backParts, backW, backH, backT, postW);
        double ct = backT * dice.range(1.5, 3);
        cushion.add(Sdfs.box(backW - 2 * postW, backH * 0.8, ct, ct * 0.4).translate(0, backH * 0.5, ct / 2 - backT / 2));
      }
    }
    shape.add("back", frame, tilted(Sdfs.union(backParts), tilt, h, pivotZ));
    if (!cushion.isEmpty()) {
      shape.add("back cushion", seatColour == frame ? shape.colour(Material.FABRIC) : seatColour,
          tilted(Sdfs.union(cushion), tilt, h, pivotZ));
    }

    if (arms > 0) {
      List<Sdf> armParts = new ArrayList<>();
      double armW = dice.range(0.03, 0.08);
      double zBack = pivotZ, zFront = (roundSeat ? w / 2 : d / 2) * dice.range(0.6, 0.95);
      for (int s = -1; s <= 1; s += 2) {
        double x = s * (w / 2 - armW / 2);
        if (arms == 1) {
          armParts.add(Sdfs.boxBetween(x - armW / 2, h + armH - 0.03, zBack, x + armW / 2, h + armH, zFront, 0.008));
          armParts.add(Sdfs.boxBetween(x - armW / 3, h - 0.01, zFront - armW, x + armW / 3, h + armH - 0.02, zFront, 0.004));
        } else {
          double r = armW / 3;
          armParts.add(Sdfs.capsule(x, h + armH, zBack, x, h + armH, zFront - r, r));
          armParts.add(Sdfs.capsule(x, h, zFront - r, x, h + armH, zFront - r, r));
        }
      }
      shape.add("arms", frame, armParts);
    }
  }

  private static Sdf tilted(Sdf back, double tilt, double seatTop, double pivotZ) {
    return back.rotateX(-tilt).translate(0, seatTop - 0.002, pivotZ);
  }

  private static void posts(List<Sdf> parts, double backW, double backH, double backT, double postW) {
    for (int s = -1; s <= 1; s += 2) {
      parts.add(Sdfs.box(postW, backH, backT, 0.003).translate(s * (backW / 2 - postW / 2), backH / 2, 0));
    }
  }

  private static void fourLegs(Dice dice, List<Sdf> legs, double w, double d, double under, double r,
      double inset, double splay, boolean roundSeat) {
    boolean square = dice.chance(0.4);
    double lx = (roundSeat ? w * 0.33 : w / 2 - inset - r), lz = (roundSeat ? w * 0.33 : d / 2 - inset - r);
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sz = -1; sz <= 1; sz += 2) {
        double x = sx * lx, z = sz * lz;
        if (square) {
          legs.add(Sdfs.box(2 * r, under, 2 * r, 0.002).translate(x, under / 2, z));
        } else {
          double fx = x + sx * splay * under * 0.5, fz = z + sz * splay * under * 0.5;
          legs.add(Sdfs.cylinder(fx, 0, fz, x, under + 0.005, z, r));
        }
      }
    }
    if (dice.chance(0.4)) {
      double y = under * dice.range(0.2, 0.45), sr = r * 0.6;
      for (int s = -1; s <= 1; s += 2) {
        legs.add(Sdfs.cylinder(s * lx, y, -lz, s * lx, y, lz, sr));
        legs.add(Sdfs.cylinder(-lx, y * 1.15, s * lz, lx, y * 1.15, s * lz, sr));
      }
    }
  }

  private static void pedestal(Dice dice, List<Sdf> legs, double w, double under) {
    double colR = dice.range(0.02, 0.05), footY = dice.range(0.04, 0.09);
    legs.add(Sdfs.cylinder(0, footY * 0.5, 0, 0, under + 0.005, 0, colR));
    if (dice.chance(0.6)) {
      int n = dice.between(4, 5);
      double reach = w * dice.range(0.45, 0.6);
      for (int i = 0; i < n; i++) {
        double a = 2 * Math.PI * i / n;
        double ex = reach * Math.cos(a), ez = reach * Math.sin(a);
        legs.add(Sdfs.capsule(0, footY, 0, ex, footY * 0.75, ez, footY * 0.3));
        legs.add(Sdfs.sphere(footY * 0.3).translate(ex, footY * 0.3, ez));
      }
    } else {
      double footR = w * dice.range(0.3, 0.5);
      legs.add(Sdfs.frustum(0, footR, footY, footR * 0.4));
    }
  }

  private static void sled(List<Sdf> legs, double w, double d, double under, double r, double inset) {
    double x = w / 2 - inset - r, z = d / 2 - inset - r;
    for (int s = -1; s <= 1; s += 2) {
      legs.add(Sdfs.capsule(s * x, r, -z, s * x, r, z, r));
      legs.add(Sdfs.capsule(s * x, r, -z, s * x, under, -z * 0.9, r));
      legs.add(Sdfs.capsule(s * x, r, z, s * x, under, z * 0.9, r));
    }
  }
}
