package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Telephones: upright smartphones (rounded slab, inset screen, camera bump, side buttons), bar
 * phones with a keypad and antenna, and desk phones (wedge base, keypad, handset in its cradle).
 * Screens face +z.
 */
final class TelephoneGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "telephone";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int kind = dice.pick(0.55, 0.2, 0.25);
    float[] body = shape.colour(dice.chance(0.5) ? Material.DARK : Material.PLASTIC);
    float[] screen = shape.colour(Material.DARK);
    float[] keys = shape.colour(dice.chance(0.5) ? Material.LIGHT : Material.METAL);
    switch (kind) {
      case 0 -> smartphone(dice, shape, body, screen, keys);
      case 1 -> barPhone(dice, shape, body, screen, keys);
      default -> deskPhone(dice, shape, body, keys);
    }
  }

  private static void smartphone(Dice dice, ShapeBuilder shape, float[] body, float[] screen, float[] keys) {
    double w = dice.range(0.06, 0.085), h = w * dice.range(1.7, 2.3), t = dice.range(0.006, 0.012);
    double corner = w * dice.range(0.05, 0.2), bezel = dice.range(0.002, 0.008);
    Sdf slab = Sdfs.extrude(t, Profiles.roundedRect(w, h, corner, 4)).translate(0, h / 2, 0);
    shape.add("body", body, slab);
    shape.add("screen", screen, Sdfs.extrude(t * 0.2, Profiles.roundedRect(w - 2 * bezel, h - 2 * bezel - (dice.chance(0.4) ? 0.012 : 0),
        Math.max(corner - bezel, 0.001), 4)).translate(0, h / 2, t / 2));
    List<Sdf> extras = new ArrayList<>();
    if (dice.chance(0.7)) {
      double cs = w * dice.range(0.2, 0.4);
      double cx = dice.chance(0.5) ? -w / 2 + cs / 2 + 0.006 : 0;
      extras.add(Sdfs.box(cs, cs * dice.range(0.5, 1.3), 0.003, 0.001).translate(cx, h - cs / 2 - 0.008, -t / 2 - 0.001));
    }
    extras.add(Sdfs.box(0.002, h * 0.12, t * 0.4, 0.0005).translate(w / 2, h * 0.7, 0));
    shape.add("buttons", keys, extras);
  }

  private static void barPhone(Dice dice, ShapeBuilder shape, float[] body, float[] screen, float[] keys) {
    double w = dice.range(0.045, 0.06), h = w * dice.range(2.0, 2.8), t = dice.range(0.014, 0.024);
    Sdf slab = Sdfs.box(w, h, t, Math.min(t * 0.45, w * 0.2)).translate(0, h / 2, 0);
    if (dice.chance(0.4)) {
      slab = slab.union(Sdfs.capsule(w * 0.3, h, 0, w * 0.3, h + dice.range(0.015, 0.04), 0, 0.004));
    }
    shape.add("body", body, slab);
    double sh = h * dice.range(0.25, 0.38);
    shape.add("screen", screen, Sdfs.box(w * 0.8, sh, 0.002, 0).translate(0, h * 0.93 - sh / 2, t / 2));
    List<Sdf> pad = new ArrayList<>();
    double kw = w * 0.22, kh = h * 0.06;
    double top = h * 0.93 - sh - kh;
    for (int r = 0; r < 5; r++) {
      for (int c = -1; c <= 1; c++) {
        pad.add(Sdfs.box(kw, kh * 0.8, 0.003, 0.001).translate(c * w * 0.28, top - r * kh * 1.2, t / 2));
      }
    }
    shape.add("keys", keys, pad);
  }

  private static void deskPhone(Dice dice, ShapeBuilder shape, float[] body, float[] keys) {
    double w = dice.range(0.16, 0.24), d = dice.range(0.16, 0.24);
    double back = dice.range(0.06, 0.11), front = dice.range(0.025, 0.05);
    Sdf base = Profiles.side(w, -d / 2, 0, d / 2, 0, d / 2, front, -d / 2, back).offset(0.004);
    shape.add("base", body, base);
    double slope = Math.atan2(back - front, d);
    List<Sdf> pad = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        double z = d / 2 - 0.025 - r * 0.022;
        double y = front + (back - front) * (d / 2 - z) / d + 0.004;
        double x = w * 0.12 + (c - 1) * 0.022;
        pad.add(Sdfs.box(0.016, 0.006, 0.016, 0.002).rotateX(-slope).translate(x, y, z));
      }
    }
    shape.add("keys", keys, pad);
    boolean cordless = dice.chance(0.35);
    double hl = cordless ? dice.range(0.13, 0.18) : dice.range(0.17, 0.23);
    double hr = dice.range(0.012, 0.02);
    double hx = cordless ? -w * 0.28 : -w * 0.08;
    double hy = back + hr * 1.2;
    List<Sdf> handset = new ArrayList<>();
    if (cordless) {
      handset.add(Sdfs.box(hr * 2.2, hr * 1.6, hl, hr * 0.6).rotateX(-slope).translate(hx, (back + front) / 2 + hr * 1.2, 0));
    } else {
      handset.add(Sdfs.capsule(hx - w * 0.3, hy, -d * 0.25, hx + w * 0.3, hy, -d * 0.25, hr));
      for (int s = -1; s <= 1; s += 2) {
        handset.add(Sdfs.sphere(hr * 1.7).scale(1, 0.8, 1.2).translate(hx + s * w * 0.32, hy - hr * 0.3, -d * 0.25));
      }
    }
    shape.add("handset", body, handset);
  }
}
