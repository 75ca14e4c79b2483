package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables from coffee to dining height: rectangular, round or oval tops; four legs (square, round or
 * tapered) with optional apron and lower shelf, a pedestal with disc or cross foot, trestle ends,
 * solid end panels, or crossed X legs.
 */
final class TableGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "table";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int top = dice.pick(0.55, 0.25, 0.2);
    double len = dice.range(0.6, 2.0);
    double wid = top == 1 ? len : len * dice.range(0.4, 0.95);
    if (top == 1) {
      len = wid = Math.min(len, 1.4);
    }
    double height = dice.range(0.4, 0.8);
    double topT = dice.range(0.02, 0.08);
    double legR = dice.range(0.015, 0.05);
    double inset = dice.range(0.0, 0.12) * Math.min(len, wid);
    int base = dice.pick(0.45, 0.2, 0.13, 0.12, 0.1);
    if (top != 0 && base >= 2) {
      base = dice.chance(0.5) ? 0 : 1; // trestles and panels need straight ends
    }
    boolean apron = dice.chance(0.45);
    boolean shelf = dice.chance(0.25);

    float[] wood = shape.colour(dice.chance(0.65) ? Material.WOOD : Material.PAINT);
    float[] legColour = dice.chance(0.6) ? wood : shape.colour(Material.METAL);
    double under = height - topT;

    Sdf topSolid = switch (top) {
      case 0 -> Sdfs.box(len, topT, wid, dice.range(0, 0.5) * topT);
      case 1 -> Sdfs.cylinder(0, -topT / 2, 0, 0, topT / 2, 0, len / 2);
      default -> Sdfs.cylinder(0, -topT / 2, 0, 0, topT / 2, 0, len / 2).scale(1, 1, wid / len);
    };
    shape.add("top", wood, topSolid.translate(0, height - topT / 2, 0));

    List<Sdf> legs = new ArrayList<>();
    double lx = top == 0 ? len / 2 - inset - legR : len * 0.35 - inset * 0.5;
    double lz = top == 0 ? wid / 2 - inset - legR : wid * 0.35 - inset * 0.5;
    switch (base) {
      case 0 -> {
        int style = dice.pick(1, 1, 1);
        for (int sx = -1; sx <= 1; sx += 2) {
          for (int sz = -1; sz <= 1; sz += 2) {
            double x = sx * lx, z = sz * lz;
            legs.add(switch (style) {
              case 0 -> Sdfs.box(2 * legR, under, 2 * legR, 0.002).translate(x, under / 2, z);
              case 1 -> Sdfs.post(x, z, 0, under + 0.002, legR);
              default -> Sdfs.frustum(0, legR * 0.45, under + 0.002, legR).translate(x, 0, z);
            });
          }
        }
        if (apron && top == 0) {
          double ah = dice.range(0.05, 0.12);
          double ax = lx + legR * 0.5, az = lz + legR * 0.5;
          legs.add(Sdfs.boxBetween(-ax, under - ah, -az, ax, under + 0.002, -az + 0.02, 0));
          legs.add(Sdfs.boxBetween(-ax, under - ah, az - 0.02, ax, under + 0.002, az, 0));
          legs.add(Sdfs.boxBetween(-ax, under - ah, -az, -ax + 0.02, under + 0.002, az, 0));
          legs.add(Sdfs.boxBetween(ax - 0.02, under - ah, -az, ax, under + 0.002, az, 0));
        }
        if (shelf) {
          double sy = under * dice.range(0.12, 0.35);
          legs.add(top == 0
              ? Sdfs.box(2 * lx, 0.02, 2 * lz, 0.003).translate(0, sy, 0)
              : Sdfs.cylinder(0, sy - 0.01, 0, 0, sy + 0.01, 0, Math.hypot(lx, lz)));
        }
      }
      case 1 -> {
        double colR = dice.range(0.03, 0.12) * Math.min(1, len);
        legs.add(Sdfs.post(0, 0, 0.02, under + 0.002, colR));
        if (dice.chance(0.5)) {
          legs.add(Sdfs.frustum(0, Math.min(len, wid) * dice.range(0.2, 0.35), 0.05, colR));
        } else {
          double reach = Math.min(len, wid) * dice.range(0.25, 0.4);
          legs.add(Sdfs.box(2 * reach, 0.05, 0.06, 0.01).translate(0, 0.025, 0));
          legs.add(Sdfs.box(0.06, 0.05, 2 * reach, 0.01).translate(0, 0.025, 0));
        }
      }
      case 2 -> {
        double footT = dice.range(0.04, 0.08), postT = dice.range(0.04, 0.1);
        for (int s = -1; s <= 1; s += 2) {
          double x = s * (len / 2 - inset - postT);
          legs.add(Sdfs.box(postT, 0.05, wid * 0.85, 0.01).translate(x, 0.025, 0));
          legs.add(Sdfs.box(postT, under, footT, 0.005).translate(x, under / 2, 0));
          legs.add(Sdfs.box(postT, 0.04, wid * 0.75, 0.005).translate(x, under - 0.02, 0));
        }
        legs.add(Sdfs.box(len - 2 * inset - 2 * postT, 0.05, 0.03, 0.005).translate(0, under * 0.3, 0));
      }
      case 3 -> {
        double panelT = dice.range(0.02, 0.06);
        for (int s = -1; s <= 1; s += 2) {
          legs.add(Sdfs.box(panelT, under, wid * dice.range(0.7, 1.0), 0.003)
              .translate(s * (len / 2 - inset * 0.5 - panelT / 2), under / 2, 0));
        }
      }
      default -> {
        double barT = dice.range(0.03, 0.06);
        double span = wid / 2 - inset;
        double slant = Math.atan2(2 * span, under);
        double barLen = Math.hypot(2 * span, under);
        for (int s = -1; s <= 1; s += 2) {
          double x = s * (len / 2 - inset - barT);
          for (int k = -1; k <= 1; k += 2) {
            legs.add(Sdfs.box(barT, barLen, barT, 0.003).rotateX(k * slant).translate(x, under / 2, 0)
                .intersect(Sdfs.box(1, under, 2 * wid, 0).translate(x, under / 2, 0)));
          }
        }
        legs.add(Sdfs.box(len - 2 * inset, barT, barT, 0.003).translate(0, under * 0.5, 0));
      }
    }
    shape.add("base", legColour, legs);
  }
}
