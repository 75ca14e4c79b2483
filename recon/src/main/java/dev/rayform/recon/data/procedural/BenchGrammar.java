package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Benches: a solid or slatted seat on four legs, slab ends, A-frame ends or bent-tube frames, with
 * an optional slatted or solid back and arms.
 */
final class BenchGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "bench";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    double len = dice.range(0.9, 2.2);
    double depth = dice.range(0.28, 0.55);
    double height = dice.range(0.36, 0.5);
    double seatT = dice.range(0.025, 0.07);
    boolean slats = dice.chance(0.5);
    int base = dice.pick(0.35, 0.25, 0.2, 0.2);
    boolean back = dice.chance(0.45);
    boolean arms = back && dice.chance(0.5);
    double inset = dice.range(0.02, 0.15);

    float[] seatColour = shape.colour(dice.chance(0.7) ? Material.WOOD : Material.PAINT);
    float[] frame = dice.chance(0.5) ? seatColour : shape.colour(Material.METAL);

    List<Sdf> seat = new ArrayList<>();
    double y1 = height, y0 = height - seatT;
    if (slats) {
      int n = dice.between(3, 7);
      double gap = dice.range(0.005, 0.025), sw = (depth - gap * (n - 1)) / n;
      for (int i = 0; i < n; i++) {
        double z = -depth / 2 + i * (sw + gap) + sw / 2;
        seat.add(Sdfs.box(len, seatT, sw, Math.min(seatT, sw) * 0.2).translate(0, (y0 + y1) / 2, z));
      }
    } else {
      seat.add(Sdfs.box(len, seatT, depth, seatT * dice.range(0, 0.4)).translate(0, (y0 + y1) / 2, 0));
    }
    double backH = dice.range(0.25, 0.45), tilt = dice.range(0.05, 0.3);
    if (back) {
      List<Sdf> b = new ArrayList<>();
      if (dice.chance(0.5)) {
        int n = dice.between(2, 4);
        for (int i = 0; i < n; i++) {
          b.add(Sdfs.box(len, backH / (2 * n), 0.025, 0.004).translate(0, backH * (i + 0.6) / n, 0));
        }
      } else {
        b.add(Sdfs.box(len, backH * 0.8, 0.03, 0.008).translate(0, backH * 0.55, 0));
      }
      seat.add(Sdfs.union(b).rotateX(-tilt).translate(0, y1, -depth / 2 + 0.02));
    }
    shape.add("seat", seatColour, seat);

    List<Sdf> legs = new ArrayList<>();
    double x = len / 2 - inset;
    double t = dice.range(0.03, 0.07);
    switch (base) {
      case 0 -> {
        boolean round = dice.chance(0.5);
        for (int sx = -1; sx <= 1; sx += 2) {
          for (int sz = -1; sz <= 1; sz += 2) {
            double z = sz * (depth / 2 - t);
            legs.add(round ? Sdfs.post(sx * x, z, 0, y0 + 0.002, t / 2)
                : Sdfs.box(t, y0, t, 0.003).translate(sx * x, y0 / 2, z));
          }
        }
        if (len > 1.4 && dice.chance(0.6)) {
          legs.add(Sdfs.box(2 * x, 0.04, 0.03, 0.003).translate(0, y0 * 0.3, 0));
        }
      }
      case 1 -> {
        for (int s = -1; s <= 1; s += 2) {
          legs.add(Sdfs.box(t, y0, depth * dice.range(0.8, 1.0), 0.004).translate(s * x, y0 / 2, 0));
        }
      }
      case 2 -> {
        double spread = depth * 0.45;
        for (int s = -1; s <= 1; s += 2) {
          for (int k = -1; k <= 1; k += 2) {
            legs.add(Sdfs.capsule(s * x, 0.015, k * spread, s * x, y0, k * spread * 0.3, t / 2));
          }
          legs.add(Sdfs.box(t * 0.8, 0.03, depth * 0.7, 0.003).translate(s * x, y0 * 0.45, 0));
        }
      }
      default -> {
        double r = dice.range(0.01, 0.02), z = depth / 2 - 0.03;
        for (int s = -1; s <= 1; s += 2) {
          legs.add(Sdfs.capsule(s * x, r, -z, s * x, r, z, r));
          legs.add(Sdfs.capsule(s * x, r, -z, s * x * 0.97, y0, -z, r));
          legs.add(Sdfs.capsule(s * x, r, z, s * x * 0.97, y0, z, r));
        }
      }
    }
    if (arms) {
      double armH = dice.range(0.18, 0.28);
      for (int s = -1; s <= 1; s += 2) {
        legs.add(Sdfs.box(0.04, 0.03, depth * 0.9, 0.008).translate(s * (len / 2 - 0.02), y1 + armH, 0));
        legs.add(Sdfs.box(0.03, armH, 0.03, 0.004).translate(s * (len / 2 - 0.02), y1 + armH / 2, depth * 0.35));
      }
    }
    shape.add("frame", frame, legs);
  }
}
