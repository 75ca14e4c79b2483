package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Rifles lying along z with the muzzle at +z: a wooden or synthetic stock (straight, pistol-grip
 * or skeleton), receiver, barrel with optional handguard and muzzle brake, a straight, curved or
 * no magazine, an optional scope and bipod.
 */
final class RifleGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "rifle";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    double stockLen = dice.range(0.22, 0.4);
    double stockH = dice.range(0.09, 0.16);
    double drop = dice.range(0.0, 0.06);
    double recvLen = dice.range(0.15, 0.35);
    double recvH = dice.range(0.045, 0.09);
    double barrelLen = dice.range(0.3, 0.75);
    double barrelR = dice.range(0.008, 0.015);
    double width = dice.range(0.03, 0.055);
    int stockKind = dice.pick(0.45, 0.35, 0.2);
    int magKind = dice.pick(0.3, 0.4, 0.3);
    boolean handguard = dice.chance(0.55);
    boolean scope = dice.chance(0.45);
    boolean bipod = dice.chance(0.2);
    boolean brake = dice.chance(0.4);

    float[] wood = shape.colour(stockKind == 0 && dice.chance(0.7) ? Material.WOOD : Material.DARK);
    float[] metal = shape.colour(dice.chance(0.7) ? Material.DARK : Material.METAL);

    // z = 0 at the back of the receiver; the axis of the bore is at y = 0.
    double r0 = 0;
    double butt = -stockLen;
    List<Sdf> stock = new ArrayList<>();
    switch (stockKind) {
      case 0 -> stock.add(Profiles.side(width, butt, -drop - stockH, butt, -drop + 0.02, r0, recvH * 0.3,
          r0 + recvLen * 0.9, recvH * 0.1, r0 + recvLen * 0.9 + (handguard ? 0 : barrelLen * 0.5), -recvH * 0.2,
          r0 + recvLen * 0.9 + (handguard ? 0 : barrelLen * 0.5), -recvH * 0.7, r0 + recvLen * 0.2, -recvH * 0.8,
          r0 - 0.03, -recvH * 0.8 - 0.06, butt + stockLen * 0.35, -drop - stockH * 0.55));
      case 1 -> {
        stock.add(Profiles.side(width, butt, -drop - stockH, butt, -drop + 0.01, r0, recvH * 0.2, r0, -recvH * 0.4,
            butt + stockLen * 0.4, -drop - stockH * 0.7));
        stock.add(pistolGrip(dice, width, r0 + recvLen * 0.25, -recvH * 0.5));
      }
      default -> {
        double tube = dice.range(0.008, 0.015);
        stock.add(Sdfs.capsule(0, -drop * 0.5, butt + 0.01, 0, recvH * 0.1, r0, tube));
        stock.add(Sdfs.capsule(0, -drop - stockH * 0.8, butt + 0.01, 0, -recvH * 0.4, r0, tube));
        stock.add(Sdfs.box(width * 0.8, stockH, 0.02, 0.006).translate(0, -drop - stockH * 0.4, butt + 0.01));
        stock.add(pistolGrip(dice, width, r0 + recvLen * 0.25, -recvH * 0.5));
      }
    }
    shape.add("stock", wood, stock);

    List<Sdf> metalParts = new ArrayList<>();
    metalParts.add(Sdfs.box(width * 0.85, recvH, recvLen, 0.004).translate(0, -recvH * 0.2, r0 + recvLen / 2));
    double muzzle = r0 + recvLen + barrelLen;
    metalParts.add(Sdfs.cylinder(0, 0, r0 + recvLen - 0.01, 0, 0, muzzle, barrelR));
    if (brake) {
      metalParts.add(Sdfs.cylinder(0, 0, muzzle - 0.01, 0, 0, muzzle + dice.range(0.03, 0.07), barrelR * 1.8));
    }
    if (handguard) {
      double hgLen = barrelLen * dice.range(0.35, 0.7);
      double hgR = Math.max(barrelR * 2.2, recvH * dice.range(0.35, 0.5));
      metalParts.add(dice.chance(0.5)
          ? Sdfs.cylinder(0, -hgR * 0.2, r0 + recvLen - 0.005, 0, -hgR * 0.2, r0 + recvLen + hgLen, hgR)
          : Sdfs.box(width * 0.9, hgR * 2, hgLen, 0.006).translate(0, -hgR * 0.2, r0 + recvLen + hgLen / 2));
    }
    if (magKind > 0) {
      double mw = width * 0.6, ml = dice.range(0.1, 0.22), md = dice.range(0.03, 0.06);
      double mz = r0 + recvLen * 0.6;
      if (magKind == 1) {
        metalParts.add(Sdfs.box(mw, ml, md, 0.004).rotateX(-dice.range(0.0, 0.25))
            .translate(0, -recvH * 0.7 - ml / 2 + 0.01, mz));
      } else {
        double bend = dice.range(0.2, 0.4);
        metalParts.add(Sdfs.box(mw, ml * 0.55, md, 0.004).rotateX(-0.1).translate(0, -recvH * 0.7 - ml * 0.25, mz));
        metalParts.add(Sdfs.box(mw, ml * 0.55, md, 0.004).rotateX(-0.1 - bend)
            .translate(0, -recvH * 0.7 - ml * 0.7, mz + ml * 0.12));
      }
    }
    if (bipod) {
      double bz = muzzle - barrelLen * 0.3, legLen = dice.range(0.12, 0.22);
      for (int s = -1; s <= 1; s += 2) {
        metalParts.add(Sdfs.capsule(0, -barrelR, bz, s * legLen * 0.35, -legLen, bz + legLen * 0.3, 0.005));
      }
    }
    shape.add("action", metal, metalParts);

    if (scope) {
      double sl = recvLen * dice.range(0.9, 1.6), sr = dice.range(0.012, 0.022);
      double sy = recvH * 0.8 + sr + dice.range(0.01, 0.03);
      double z0 = r0 + recvLen * 0.5 - sl / 2;
      List<Sdf> scopeParts = new ArrayList<>();
      scopeParts.add(Profiles.latheZ(0, z0, sr * 1.5, z0, sr * 1.5, z0 + sl * 0.15, sr, z0 + sl * 0.3,
          sr, z0 + sl * 0.7, sr * 1.7, z0 + sl * 0.85, sr * 1.7, z0 + sl, 0, z0 + sl).translate(0, sy, 0));
      for (int k = 0; k < 2; k++) {
        double mz = z0 + sl * (0.35 + 0.3 * k);
        scopeParts.add(Sdfs.box(0.012, sy - recvH * 0.3, 0.015, 0.002).translate(0, (sy + recvH * 0.3) / 2, mz));
      }
      shape.add("scope", metal, scopeParts);
    }
  }

  private static Sdf pistolGrip(Dice dice, double width, double z, double y) {
    double len = dice.range(0.08, 0.13), rake = dice.range(0.2, 0.5);
    return Sdfs.box(width * 0.8, len, 0.03, 0.008).rotateX(-rake).translate(0, y - len * 0.45, z - len * 0.2);
  }
}
