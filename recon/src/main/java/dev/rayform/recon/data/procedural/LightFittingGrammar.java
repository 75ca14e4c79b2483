package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Light fittings, filed under {@code lamp}: what furniture catalogues sell as lamps beside desk and
 * floor lamps. Six kinds: a ceiling track with spot heads; a pendant (one shade on a cord, shades
 * along a bar, or arms around a hub); a wall light (a plate, an arm, and a spot, a shade, an
 * uplight, a globe or a lantern); a spot on a ceiling or floor mount; a lantern (on a wall, hanging,
 * or standing); a post light (a pole with a box luminaire, a lantern, a globe or arms).
 *
 * <p>Raw units are metres, y up, a wall behind at z = 0; the generator normalises the result.
 */
final class LightFittingGrammar implements CategoryGrammar {
  private static final double HALF_PI = Math.PI / 2;

  @Override
  public String category() {
    return "lamp";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    Fitting f = new Fitting(shape.colour(dice.pick(0.4, 0.35, 0.25) == 0 ? Material.DARK
        : dice.chance(0.6) ? Material.METAL : Material.PAINT), shape.colour(Material.LIGHT));
    switch (dice.pick(0.2, 0.2, 0.2, 0.1, 0.15, 0.15)) {
      case 0 -> track(dice, f);
      case 1 -> pendant(dice, f);
      case 2 -> wallLight(dice, f);
      case 3 -> spot(dice, f);
      case 4 -> lanternFitting(dice, f);
      default -> post(dice, f);
    }
    f.addTo(shape);
  }

  /** The fitting's solids by part, so every kind paints its body and its lit parts alike. */
  private static final class Fitting {
    final float[] bodyColour, glowColour;
    final List<Sdf> body = new ArrayList<>(), glow = new ArrayList<>();

    Fitting(float[] bodyColour, float[] glowColour) {
      this.bodyColour = bodyColour;
      this.glowColour = glowColour;
    }

    void addTo(ShapeBuilder shape) {
      shape.add("body", bodyColour, body);
      shape.add("glow", glowColour, glow);
    }
  }

  /** A rail on the ceiling with two to five spot heads on short stems, each aimed its own way. */
  private static void track(Dice dice, Fitting f) {
    double len = dice.range(0.6, 1.6), w = dice.range(0.02, 0.045), h = dice.range(0.015, 0.04);
    f.body.add(Sdfs.box(len, h, w, h * 0.2).translate(0, -h / 2, 0));
    if (dice.chance(0.35)) { // suspended on two rods instead of fixed to the ceiling
      double drop = dice.range(0.1, 0.5);
      for (int side = -1; side <= 1; side += 2) {
        f.body.add(Sdfs.post(side * len * 0.35, 0, h / 2, h / 2 + drop, w * 0.15));
      }
    }
    int n = dice.between(2, 5);
    double headLen = dice.range(0.07, 0.2), headR = dice.range(0.02, 0.05);
    int headKind = dice.between(0, 2);
    for (int i = 0; i < n; i++) {
      double x = -len / 2 + len * (i + dice.range(0.3, 0.7)) / n;
      double stem = dice.range(0.02, 0.08);
      f.body.add(Sdfs.post(x, 0, -h - stem, -h / 2, Math.max(headR * 0.25, 0.004)));
      aimedHead(dice, f, headKind, headLen, headR, dice.range(0.2, 1.4), dice.range(-Math.PI, Math.PI), x, -h - stem, 0);
    }
  }

  /** One shade on a cord, shades hanging along a bar, or arms around a hub, under a canopy. */
  private static void pendant(Dice dice, Fitting f) {
    double drop = dice.range(0.2, 1.0), cordR = dice.range(0.003, 0.009);
    int style = dice.pick(0.4, 0.35, 0.25);
    if (style == 1) {
      double barLen = dice.range(0.5, 1.3), barH = dice.range(0.02, 0.05);
      boolean twoCords = dice.chance(0.5);
      for (double x : twoCords ? new double[] {-barLen * 0.4, barLen * 0.4} : new double[] {0}) {
        canopy(dice, f, x, 0);
        f.body.add(Sdfs.post(x, 0, -drop, 0, cordR));
      }
      f.body.add(Sdfs.box(barLen, barH, barH * dice.range(0.8, 2.0), barH * 0.2).translate(0, -drop - barH / 2, 0));
      int n = dice.between(2, 5), kind = dice.between(0, 4);
      double r = dice.range(0.05, 0.12), hang = dice.range(0.0, 0.15);
      for (int i = 0; i < n; i++) {
        double x = -barLen / 2 + barLen * (i + 0.5) / n, top = -drop - barH - hang;
        if (hang > 0.01) {
          f.body.add(Sdfs.post(x, 0, top, -drop - barH, cordR));
        }
        hangingShade(dice, f, kind, r, r * dice.range(0.6, 1.3), x, top, 0);
      }
    } else if (style == 2) {
      canopy(dice, f, 0, 0);
      f.body.add(Sdfs.post(0, 0, -drop, 0, cordR * 1.5));
      double hubR = dice.range(0.03, 0.07), reach = dice.range(0.2, 0.5), rise = dice.range(-0.1, 0.2);
      f.body.add(Sdfs.sphere(hubR).translate(0, -drop, 0));
      int n = dice.between(3, 8);
      boolean candles = dice.chance(0.5), ring = dice.chance(0.4);
      double armR = dice.range(0.006, 0.015), phase = dice.range(0, Math.PI);
      for (int i = 0; i < n; i++) {
        double a = phase + 2 * Math.PI * i / n;
        double x = reach * StrictMath.cos(a), z = reach * StrictMath.sin(a), y = -drop + rise;
        f.body.add(Sdfs.capsule(0, -drop, 0, x, y, z, armR));
        if (candles) {
          double cup = dice.range(0.025, 0.045), candle = dice.range(0.06, 0.15);
          f.body.add(Sdfs.frustum(y, cup * 0.5, y + cup * 0.6, cup).translate(x, 0, z));
          f.glow.add(Sdfs.post(x, z, y + cup * 0.6, y + cup * 0.6 + candle, cup * 0.4));
        } else {
          double r = dice.range(0.04, 0.08);
          f.glow.add(LampGrammar.shade(dice, 0, r, r * 1.1, Math.max(r * 0.08, 0.004)).rotateX(Math.PI)
              .translate(x, y, z));
        }
      }
      if (ring) {
        f.body.add(Sdfs.torus(reach, armR).translate(0, -drop + rise, 0));
      }
    } else {
      canopy(dice, f, 0, 0);
      f.body.add(Sdfs.post(0, 0, -drop, 0, cordR));
      double r = dice.range(0.1, 0.3);
      hangingShade(dice, f, dice.between(0, 4), r, r * dice.range(0.5, 1.3), 0, -drop, 0);
    }
  }

  /** A plate on the wall, one or two arms, and at each arm's end a spot, a shade, an uplight, a globe or a lantern. */
  private static void wallLight(Dice dice, Fitting f) {
    boolean pair = dice.chance(0.25);
    double plateT = dice.range(0.01, 0.025), plateR = dice.range(0.035, 0.08);
    double spread = pair ? dice.range(0.12, 0.3) : 0;
    if (pair || dice.chance(0.4)) {
      f.body.add(Sdfs.box(2 * plateR + 2 * spread, 2 * plateR * dice.range(0.8, 1.6), plateT, plateT * 0.3)
          .translate(0, 0, plateT / 2));
    } else {
      f.body.add(Sdfs.cylinder(0, 0, 0, 0, 0, plateT, plateR));
    }
    double reach = dice.range(0.08, 0.4), lift = dice.range(-0.1, 0.2), armR = dice.range(0.006, 0.018);
    int head = dice.pick(0.35, 0.25, 0.15, 0.1, 0.15);
    boolean bent = dice.chance(0.4);
    double headLen = dice.range(0.08, 0.22), headR = dice.range(0.025, 0.06), r = dice.range(0.06, 0.16);
    int spotKind = dice.between(0, 2), shadeKind = dice.between(0, 4);
    double tilt = dice.range(0.0, 1.2), turn = dice.range(-0.6, 0.6);
    for (double x : pair ? new double[] {-spread, spread} : new double[] {0}) {
      double ex = x, ey = lift, ez = plateT + reach;
      if (bent) { // out from the wall, then up or down
        f.body.add(Sdfs.capsule(x, 0, plateT, x, 0, ez, armR));
        f.body.add(Sdfs.capsule(x, 0, ez, x, ey, ez, armR));
      } else {
        f.body.add(Sdfs.capsule(x, 0, plateT, ex, ey, ez, armR));
      }
      switch (head) {
        case 0 -> aimedHead(dice, f, spotKind, headLen, headR, 0.6 - HALF_PI - tilt, turn, ex, ey, ez); // away from the wall
        case 1 -> hangingShade(dice, f, shadeKind, r, r * 0.9, ex, ey, ez);
        case 2 -> { // uplight: an open shade turned over
          f.glow.add(LampGrammar.shade(dice, shadeKind == 3 ? 0 : shadeKind, r, r * 0.9, Math.max(r * 0.06, 0.004))
              .rotateX(Math.PI).translate(ex, ey, ez));
        }
        case 3 -> f.glow.add(Sdfs.sphere(r * 0.7).translate(ex, ey - r * 0.5, ez));
        default -> lantern(dice, f, ex, ey - armR, ez, r * 0.8, true);
      }
    }
  }

  /** A spot on a ceiling or floor mount: a plate, a stem, a yoke, and one large head aimed aside. */
  private static void spot(Dice dice, Fitting f) {
    boolean floor = dice.chance(0.4);
    double plate = dice.range(0.04, 0.1), plateH = dice.range(0.01, 0.03), stem = dice.range(0.03, 0.2);
    Fitting local = new Fitting(f.bodyColour, f.glowColour); // built hanging from a ceiling, turned over for a floor
    if (dice.chance(0.5)) {
      local.body.add(Sdfs.frustum(-plateH, plate * 0.8, 0, plate));
    } else {
      local.body.add(Sdfs.box(2 * plate, plateH, 2 * plate * dice.range(0.5, 1.0), plateH * 0.3).translate(0, -plateH / 2, 0));
    }
    double armR = dice.range(0.008, 0.02), headLen = dice.range(0.12, 0.3), headR = dice.range(0.04, 0.09);
    local.body.add(Sdfs.post(0, 0, -plateH - stem, -plateH, armR));
    double y = -plateH - stem - headR;
    // a yoke: a bar across and two arms down either side of the head
    double yw = headR * 1.3;
    local.body.add(Sdfs.box(2 * yw + 2 * armR, armR * 2, armR * 3, armR * 0.5).translate(0, -plateH - stem, 0));
    for (int side = -1; side <= 1; side += 2) {
      local.body.add(Sdfs.box(armR * 2, headR * 1.2, armR * 3, armR * 0.5).translate(side * yw, y + headR * 0.4, 0));
    }
    aimedHead(dice, local, dice.between(0, 2), headLen, headR, dice.range(0.3, 1.4), dice.range(-Math.PI, Math.PI), 0, y, 0);
    for (Sdf s : local.body) {
      f.body.add(floor ? s.rotateZ(Math.PI) : s);
    }
    for (Sdf s : local.glow) {
      f.glow.add(floor ? s.rotateZ(Math.PI) : s);
    }
  }

  /** A lantern on a wall bracket, hanging from a chain, or standing on its own base. */
  private static void lanternFitting(Dice dice, Fitting f) {
    double r = dice.range(0.07, 0.16);
    switch (dice.pick(0.45, 0.25, 0.3)) {
      case 0 -> { // on a wall bracket, hanging from or sitting on the arm
        double plateH = dice.range(0.12, 0.3), plateW = dice.range(0.05, 0.12), t = dice.range(0.01, 0.03);
        f.body.add(Sdfs.box(plateW, plateH, t, t * 0.3).translate(0, 0, t / 2));
        double reach = r + dice.range(0.03, 0.12), armR = dice.range(0.008, 0.018);
        boolean hanging = dice.chance(0.6);
        double armY = hanging ? plateH * 0.35 : -plateH * 0.35;
        f.body.add(Sdfs.capsule(0, armY, t, 0, armY, t + reach, armR));
        if (hanging) {
          f.body.add(Sdfs.capsule(0, armY, t + reach * 0.3, 0, -plateH * 0.3, t, armR * 0.8)); // a brace
          lantern(dice, f, 0, armY - armR, t + reach, r, true);
        } else {
          lantern(dice, f, 0, armY + armR, t + reach, r, false);
        }
      }
      case 1 -> { // hanging from a chain under a canopy
        double drop = dice.range(0.15, 0.6);
        canopy(dice, f, 0, 0);
        f.body.add(Sdfs.post(0, 0, -drop, 0, dice.range(0.004, 0.01)));
        lantern(dice, f, 0, -drop, 0, r, true);
      }
      default -> { // standing on a base, a table or garden lantern
        double baseH = dice.range(0.01, 0.05);
        f.body.add(Sdfs.frustum(0, r * dice.range(0.9, 1.3), baseH, r * dice.range(0.7, 1.1)));
        lantern(dice, f, 0, baseH, 0, r, false);
      }
    }
  }

  /** A pole on a base with, on top, a box luminaire, a lantern, a globe, or one or two arms with heads. */
  private static void post(Dice dice, Fitting f) {
    double height = dice.range(1.5, 4.0), poleR = dice.range(0.025, 0.07);
    double baseW = poleR * dice.range(2, 5), baseH = dice.range(0.03, 0.3);
    if (dice.chance(0.5)) {
      f.body.add(Sdfs.box(2 * baseW, baseH, 2 * baseW, baseH * 0.1).translate(0, baseH / 2, 0));
    } else {
      f.body.add(Sdfs.frustum(0, baseW, baseH, baseW * dice.range(0.5, 0.9)));
    }
    f.body.add(Sdfs.frustum(baseH * 0.5, poleR * dice.range(1.0, 1.5), height, poleR));
    switch (dice.pick(0.3, 0.25, 0.15, 0.3)) {
      case 0 -> { // a flat box luminaire, over the pole or reaching out from it
        double w = dice.range(0.3, 0.8), h = dice.range(0.05, 0.15), d = dice.range(0.2, 0.5);
        double out = dice.chance(0.5) ? 0 : dice.range(0.1, 0.35);
        f.body.add(Sdfs.box(w, h, d, h * 0.2).translate(0, height + h / 2, out));
        f.glow.add(Sdfs.box(w * 0.85, h * 0.15, d * 0.85, 0).translate(0, height - h * 0.05, out));
      }
      case 1 -> lantern(dice, f, 0, height, 0, dice.range(0.1, 0.22), false);
      case 2 -> {
        double r = dice.range(0.12, 0.25);
        f.glow.add(Sdfs.sphere(r).translate(0, height + r * 0.9, 0));
      }
      default -> { // one or two arms curving out, each with a hanging shade
        int arms = dice.between(1, 2);
        double reach = dice.range(0.3, 1.0), rise = dice.range(0.0, 0.3), armR = poleR * dice.range(0.4, 0.8);
        double r = dice.range(0.1, 0.25);
        int kind = dice.between(0, 4);
        for (int i = 0; i < arms; i++) {
          double side = i == 0 ? 1 : -1;
          f.body.add(Sdfs.capsule(0, height - rise * 0.5, 0, side * reach * 0.6, height + rise, 0, armR));
          f.body.add(Sdfs.capsule(side * reach * 0.6, height + rise, 0, side * reach, height + rise * 0.7, 0, armR));
          hangingShade(dice, f, kind, r, r * dice.range(0.4, 0.9), side * reach, height + rise * 0.7, 0);
        }
      }
    }
  }

  /** A canopy on the ceiling at y = 0 over (x, z). */
  private static void canopy(Dice dice, Fitting f, double x, double z) {
    double r = dice.range(0.04, 0.09), h = dice.range(0.015, 0.04);
    f.body.add(Sdfs.frustum(-h, r * dice.range(0.5, 1.0), 0, r).translate(x, 0, z));
  }

  /** One of LampGrammar's shades hanging with its top at (x, y, z), a bulb inside an open one. */
  private static void hangingShade(Dice dice, Fitting f, int kind, double r, double h, double x, double y, double z) {
    double t = Math.max(r * 0.05, 0.004);
    Sdf shade = LampGrammar.shade(dice, kind, r, h, t).translate(x, y, z);
    if (kind == 3) {
      f.glow.add(shade);
    } else {
      f.body.add(shade);
      f.glow.add(Sdfs.sphere(Math.min(r * 0.35, h * 0.3)).translate(x, y - h * 0.45, z));
    }
  }

  /**
   * A spot head pivoting at (x, y, z): built along -y from the pivot (a can, a flared cone, or a
   * can with a rim), tilted by {@code tilt} from straight down and turned by {@code turn} about y,
   * with its lens lit.
   */
  private static void aimedHead(Dice dice, Fitting f, int kind, double len, double r, double tilt, double turn,
      double x, double y, double z) {
    Sdf head = switch (kind) {
      case 0 -> Sdfs.lathe(0, 0, r, 0, r, -len, 0, -len);
      case 1 -> Sdfs.lathe(0, 0, r * 0.55, 0, r * 0.8, -len * 0.55, r * 1.3, -len, 0, -len);
      default -> Sdfs.lathe(0, 0, r * 0.8, 0, r * 0.8, -len * 0.3, r, -len * 0.35, r, -len, 0, -len);
    };
    double lensR = (kind == 1 ? 1.3 : 1.0) * r * 0.85, lensT = Math.max(r * 0.08, 0.003);
    Sdf lens = Sdfs.lathe(0, -len, lensR, -len, lensR, -len - lensT, 0, -len - lensT);
    f.body.add(Sdfs.sphere(r * dice.range(0.35, 0.6)).translate(x, y, z));
    f.body.add(head.rotateX(tilt).rotateY(turn).translate(x, y, z));
    f.glow.add(lens.rotateX(tilt).rotateY(turn).translate(x, y, z));
  }

  /**
   * A lantern of four to eight sides (or round) with half-width r: a lit body, tapering or not, a
   * frame post at each corner, a cap, a roof, and a finial on top or, when {@code hanging}, a ring
   * at whose top (x, y, z) is; otherwise the lantern stands on (x, y, z).
   */
  private static void lantern(Dice dice, Fitting f, double x, double yAt, double z, double r, boolean hanging) {
    int sides = switch (dice.pick(0.35, 0.35, 0.1, 0.2)) {
      case 0 -> 4;
      case 1 -> 6;
      case 2 -> 8;
      default -> 0; // round
    };
    double h = r * dice.range(1.4, 2.6), capH = r * dice.range(0.1, 0.25);
    double bottom = dice.range(0.7, 1.0), top = dice.range(1.0, 1.35); // the body's scale at each end
    double frameR = Math.max(r * 0.05, 0.003);
    double roofH = r * dice.range(0.4, 1.0), eave = r * top * dice.range(1.05, 1.35);
    double knobR = Math.max(r * 0.12, 0.006);
    double y = hanging ? yAt - (capH + h + roofH + knobR * 1.9) : yAt;
    f.body.add(Sdfs.frustum(0, r * bottom * 1.1, capH, r * bottom * 1.1).translate(x, y, z));
    double y0 = y + capH, y1 = y0 + h;
    if (sides == 0) {
      f.glow.add(Sdfs.frustum(y0, r * bottom, y1, r * top).translate(x, 0, z));
    } else {
      double[] xy = new double[2 * sides];
      for (int i = 0; i < sides; i++) {
        double a = 2 * Math.PI * i / sides;
        xy[2 * i] = r * StrictMath.cos(a);
        xy[2 * i + 1] = r * StrictMath.sin(a);
      }
      // a loft along z from scale `bottom` to `top`, stood up: local z becomes world y
      f.glow.add(Sdfs.loft(h, bottom, top, 0, 0, 0, 0, xy).rotateX(-HALF_PI).translate(x, (y0 + y1) / 2, z));
      for (int i = 0; i < sides; i++) {
        double px = xy[2 * i], pz = -xy[2 * i + 1];
        f.body.add(Sdfs.cylinder(x + px * bottom, y0, z + pz * bottom, x + px * top, y1, z + pz * top, frameR));
      }
    }
    f.body.add(Sdfs.frustum(y1, eave, y1 + roofH, eave * dice.range(0.05, 0.3)).translate(x, 0, z));
    if (hanging) {
      f.body.add(Sdfs.torus(knobR * 0.8, knobR * 0.3).rotateX(HALF_PI).translate(x, y1 + roofH + knobR * 0.9, z));
    } else {
      f.body.add(Sdfs.sphere(knobR).translate(x, y1 + roofH, z));
    }
  }
}
