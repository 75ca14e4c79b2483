package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Desk and floor lamps: a disc, square or tripod base; a straight, articulated (two arms and a
 * head pointing down) or arched stem; a cone, drum, dome, globe or bell shade.
 */
final class LampGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "lamp";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    boolean floor = dice.chance(0.4);
    double height = floor ? dice.range(1.2, 1.9) : dice.range(0.3, 0.7);
    int baseKind = dice.pick(0.5, 0.25, 0.25);
    int stemKind = dice.pick(0.5, 0.3, 0.2);
    int shadeKind = dice.pick(0.3, 0.2, 0.2, 0.15, 0.15);
    double shadeR = height * (floor ? dice.range(0.1, 0.22) : dice.range(0.2, 0.45));
    if (shadeKind == 3) {
      shadeR *= 0.45; // globes look right smaller than open shades
    }
    double shadeH = shadeR * dice.range(0.6, 1.4);
    double stemR = height * dice.range(0.008, 0.025);
    double baseR = Math.max(shadeR * dice.range(0.5, 1.1), stemR * 3);
    double baseH = height * dice.range(0.02, 0.08);

    float[] metal = shape.colour(dice.chance(0.6) ? Material.METAL : Material.PAINT);
    float[] shadeColour = shape.colour(dice.chance(0.5) ? Material.LIGHT : Material.PAINT);

    List<Sdf> base = new ArrayList<>();
    switch (baseKind) {
      case 0 -> base.add(Sdfs.frustum(0, baseR, baseH, baseR * dice.range(0.5, 1.0)));
      case 1 -> base.add(Sdfs.box(2 * baseR, baseH, 2 * baseR, baseH * 0.3).translate(0, baseH / 2, 0));
      default -> {
        double legLen = height * (floor ? 0.35 : 0.25);
        for (int i = 0; i < 3; i++) {
          double a = 2 * Math.PI * i / 3 + Math.PI / 2;
          base.add(Sdfs.capsule(0, legLen, 0, baseR * 1.3 * StrictMath.cos(a), stemR, baseR * 1.3 * StrictMath.sin(a), stemR));
        }
        baseH = legLen;
      }
    }

    List<Sdf> stem = new ArrayList<>();
    double hx, hy, hz; // where the shade hangs or sits
    boolean hanging;
    switch (stemKind) {
      case 0 -> {
        double top = height - (shadeKind == 3 ? shadeR * 2 : shadeH) * 0.8;
        double stemTop = Math.max(top, baseH + 0.05) + (shadeKind == 3 ? shadeR * 0.1 : shadeH * 0.6);
        stem.add(Sdfs.cylinder(0, baseH * 0.5, 0, 0, stemTop, 0, stemR));
        hx = 0;
        hy = Math.max(top, baseH + 0.05);
        hz = 0;
        hanging = false;
      }
      case 1 -> {
        double a1 = dice.range(-0.5, 0.5), len1 = height * dice.range(0.45, 0.6);
        double ex = 0, ey = baseH + len1 * StrictMath.cos(a1), ez = -len1 * StrictMath.sin(a1) * 0.5;
        double len2 = height * dice.range(0.35, 0.55);
        double hx2 = 0, hy2 = ey + len2 * dice.range(-0.1, 0.3), hz2 = ez + len2;
        stem.add(Sdfs.capsule(0, baseH * 0.5, 0, ex, ey, ez, stemR));
        stem.add(Sdfs.capsule(ex, ey, ez, hx2, hy2, hz2, stemR));
        stem.add(Sdfs.sphere(stemR * 2).translate(ex, ey, ez));
        hx = hx2;
        hy = hy2;
        hz = hz2;
        hanging = true;
      }
      default -> {
        double reach = height * dice.range(0.3, 0.6);
        double top = height;
        double r = reach / 2;
        stem.add(Sdfs.cylinder(0, baseH * 0.5, 0, 0, top - r, 0, stemR));
        stem.add(Sdfs.torus(r, stemR).rotateZ(Math.PI / 2).translate(0, top - r, r)
            .intersect(Sdfs.boxBetween(-1, top - r, -0.01, 1, top + 1, 2 * r + 0.01, 0)));
        stem.add(Sdfs.cylinder(0, top - r, 2 * r, 0, top - r - shadeH * 0.3, 2 * r, stemR));
        hx = 0;
        hy = top - r - shadeH * 0.3;
        hz = 2 * r;
        hanging = true;
      }
    }
    shape.add("base", metal, base);
    shape.add("stem", metal, stem);

    if (hanging) {
      // hanging shades are smaller than standing ones and stay well above the floor
      shadeR *= 0.6;
      shadeH *= 0.6;
      double room = hy - 0.25 * height;
      double fit = (shadeKind == 3 ? 2 * shadeR : shadeH) / Math.max(room, 0.05 * height);
      if (fit > 1) {
        shadeR /= fit;
        shadeH /= fit;
      }
    }
    Sdf shade = shade(dice, shadeKind, shadeR, shadeH, Math.max(height * 0.013, shadeR * 0.05));
    // Shades are built opening downwards with their top at y = 0; standing ones sit on the stem top.
    Sdf placed = hanging
        ? shade.translate(hx, hy, hz)
        : shade.translate(hx, hy + (shadeKind == 3 ? shadeR * 2 : shadeH) * (shadeKind == 3 ? 0.95 : 1.0), hz);
    shape.add("shade", shadeColour, placed);
    if (shadeKind != 3) {
      float[] bulb = shape.colour(Material.LIGHT);
      shape.add("bulb", bulb, Sdfs.sphere(Math.min(shadeR * 0.35, shadeH * 0.3)).translate(hx, (hanging ? hy : hy + shadeH) - shadeH * 0.45, hz));
    }
  }

  /** A shade whose top is at y = 0 and which opens downwards. */
  static Sdf shade(Dice dice, int kind, double r, double h, double t) {
    return switch (kind) {
      case 0 -> { // cone: narrow top
        double top = r * dice.range(0.3, 0.7);
        yield Sdfs.lathe(top, 0, r, -h, r - t, -h, top - t, 0);
      }
      case 1 -> Sdfs.lathe(r, 0, r, -h, r - t, -h, r - t, 0); // drum
      case 2 -> dome(r, h, t);
      case 3 -> Sdfs.sphere(r).translate(0, -r, 0); // globe
      default -> { // bell: flared bottom
        double top = r * 0.35;
        yield Sdfs.lathe(top, 0, r * 0.55, -h * 0.6, r, -h, r - t, -h, r * 0.55 - t, -h * 0.6, top - t, 0);
      }
    };
  }

  private static Sdf dome(double r, double h, double t) {
    int n = 10;
    double[] ry = new double[4 * n];
    int k = 0;
    for (int i = 0; i < n; i++) { // outer arc from the rim up to the axis
      double a = Math.PI / 2 * i / (n - 1);
      ry[k++] = r * StrictMath.cos(a);
      ry[k++] = -h + h * StrictMath.sin(a);
    }
    for (int i = n - 1; i >= 0; i--) { // inner arc back down
      double a = Math.PI / 2 * i / (n - 1);
      ry[k++] = (r - t) * StrictMath.cos(a);
      ry[k++] = -h + (h - t) * StrictMath.sin(a);
    }
    return Sdfs.lathe(ry);
  }
}
