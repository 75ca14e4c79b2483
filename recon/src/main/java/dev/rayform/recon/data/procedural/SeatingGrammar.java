package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalogue seating filed under {@code chair}: the kinds shops sell that {@link ChairGrammar}'s
 * upright four-legged, pedestal and sled chairs never show. Six kinds: a stool (low or bar height,
 * three or four splayed legs or a column, a footrest ring, sometimes a low back); a folding chair on
 * crossed side frames with a sling seat (a camping stool without a back); a deckchair, a sling
 * hanging between a reclined frame and a crossing rear leg; a lounger, one reclined cushioned shell
 * on legs, a cantilever or rockers; a cantilever chair of bent tube; an upholstered club armchair,
 * sometimes with its ottoman.
 *
 * <p>Raw units are metres, y up, the seat's front towards +z; the generator normalises the result.
 */
final class SeatingGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "chair";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    switch (dice.pick(0.22, 0.18, 0.15, 0.15, 0.15, 0.15)) {
      case 0 -> stool(dice, shape);
      case 1 -> foldingChair(dice, shape);
      case 2 -> deckchair(dice, shape);
      case 3 -> lounger(dice, shape);
      case 4 -> cantilever(dice, shape);
      default -> clubChair(dice, shape);
    }
  }

  /**
   * A flat board of {@code width} (along x, centred on {@code x}) and {@code thickness} from (z0, y0)
   * to (z1, y1) in the side view.
   */
  private static Sdf panel(double x, double z0, double y0, double z1, double y1, double width, double thickness, double rounding) {
    double dz = z1 - z0, dy = y1 - y0, length = Math.hypot(dz, dy);
    return Sdfs.box(width, thickness, length, rounding).rotateX(StrictMath.atan2(-dy, dz))
        .translate(x, (y0 + y1) / 2, (z0 + z1) / 2);
  }

  /** A tube of radius {@code r} on both sides (x = -x and x), from (z0, y0) to (z1, y1) in the side view. */
  private static void sideTubes(List<Sdf> parts, double x, double z0, double y0, double z1, double y1, double r) {
    for (int s = -1; s <= 1; s += 2) {
      parts.add(Sdfs.capsule(s * x, y0, z0, s * x, y1, z1, r));
    }
  }

  /** A bar across the chair (along x) at (y, z). */
  private static Sdf crossBar(double halfWidth, double y, double z, double r) {
    return Sdfs.cylinder(-halfWidth, y, z, halfWidth, y, z, r);
  }

  private static void stool(Dice dice, ShapeBuilder shape) {
    boolean bar = dice.chance(0.5);
    double h = bar ? dice.range(0.6, 0.82) : dice.range(0.4, 0.52);
    double t = dice.range(0.025, 0.07), top = dice.range(0.15, 0.23);
    boolean round = dice.chance(0.65);
    float[] frame = shape.colour(dice.chance(0.5) ? Material.METAL : Material.WOOD);
    float[] seatColour = dice.chance(0.5) ? frame : shape.colour(dice.chance(0.5) ? Material.FABRIC : Material.PLASTIC);
    shape.add("seat", seatColour, round
        ? Sdfs.cylinder(0, h - t, 0, 0, h, 0, top)
        : Sdfs.box(2 * top, t, 2 * top * dice.range(0.8, 1.0), dice.range(0.1, 0.45) * t).translate(0, h - t / 2, 0));
    List<Sdf> legs = new ArrayList<>();
    double under = h - t;
    if (dice.chance(0.75)) {
      int n = dice.chance(0.4) ? 3 : 4;
      double r = dice.range(0.011, 0.025), rTop = top * dice.range(0.55, 0.8), rFoot = rTop + under * dice.range(0.05, 0.22);
      double turn = n == 4 ? Math.PI / 4 : Math.PI / 2;
      for (int i = 0; i < n; i++) {
        double a = turn + 2 * Math.PI * i / n, c = StrictMath.cos(a), s = StrictMath.sin(a);
        legs.add(Sdfs.cylinder(rFoot * c, 0, rFoot * s, rTop * c, under + 0.005, rTop * s, r));
      }
      if (bar || dice.chance(0.3)) {
        double y = under * dice.range(0.3, 0.45), ring = rFoot + (rTop - rFoot) * y / under;
        legs.add(Sdfs.torus(ring, r * dice.range(0.6, 0.9)).translate(0, y, 0));
      }
    } else {
      double colR = dice.range(0.02, 0.045), footR = top * dice.range(0.8, 1.3), footT = dice.range(0.015, 0.04);
      legs.add(Sdfs.post(0, 0, footT * 0.5, under + 0.005, colR));
      legs.add(Sdfs.frustum(0, footR, footT, footR * dice.range(0.6, 0.95)));
      if (bar) {
        legs.add(Sdfs.torus(top * dice.range(0.7, 1.0), dice.range(0.008, 0.014)).translate(0, under * dice.range(0.4, 0.55), 0));
      }
    }
    shape.add("base", frame, legs);
    if (bar && dice.chance(0.45)) { // a low back on two posts
      double backH = dice.range(0.18, 0.35), backW = 2 * top * dice.range(0.7, 1.0), z = -top * 0.85;
      List<Sdf> back = new ArrayList<>();
      for (int s = -1; s <= 1; s += 2) {
        back.add(Sdfs.capsule(s * backW * 0.35, h, z, s * backW * 0.35, h + backH, z - 0.03, 0.012));
      }
      back.add(panel(0, z - 0.02, h + backH * 0.55, z - 0.035, h + backH, backW, dice.range(0.02, 0.04), 0.01));
      shape.add("back", frame, back);
    }
  }

  private static void foldingChair(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.4, 0.52), d = dice.range(0.34, 0.46), h = dice.range(0.38, 0.47), r = dice.range(0.009, 0.017);
    float[] frame = shape.colour(dice.chance(0.6) ? Material.METAL : dice.chance(0.5) ? Material.DARK : Material.WOOD);
    float[] cloth = shape.colour(Material.FABRIC);
    double x = w / 2;
    List<Sdf> tubes = new ArrayList<>();
    sideTubes(tubes, x, -d / 2, r, d / 2, h, r);
    sideTubes(tubes, x, d / 2, r, -d / 2, h, r);
    tubes.add(crossBar(x, h, d / 2, r));
    tubes.add(crossBar(x, h, -d / 2, r));
    if (dice.chance(0.6)) {
      tubes.add(crossBar(x, r, d / 2, r));
      tubes.add(crossBar(x, r, -d / 2, r));
    }
    double sag = dice.range(0.0, 0.05);
    List<Sdf> sling = new ArrayList<>();
    double t = dice.range(0.012, 0.025);
    sling.add(panel(0, d / 2, h - t / 2, 0, h - sag - t / 2, w - 2 * r, t, 0.003));
    sling.add(panel(0, 0, h - sag - t / 2, -d / 2, h - t / 2, w - 2 * r, t, 0.003));
    if (dice.chance(0.7)) { // the rear tubes run on up into a back
      double backH = dice.range(0.3, 0.48), lean = dice.range(0.02, 0.12);
      sideTubes(tubes, x, -d / 2, h, -d / 2 - lean, h + backH, r);
      double lo = dice.range(0.3, 0.55) * backH;
      sling.add(panel(0, -d / 2 - lean * lo / backH - t, h + lo, -d / 2 - lean - t, h + backH - r, w - 2 * r, t, 0.003));
      if (dice.chance(0.5)) { // armrests from the back to the front of the frame
        double armY = h + dice.range(0.18, 0.25);
        sideTubes(tubes, x + r, -d / 2 - lean * 0.5, armY, d / 2, armY, r * 1.4);
        sideTubes(tubes, x + r, d / 2, h, d / 2, armY, r);
      }
    }
    shape.add("frame", frame, tubes);
    shape.add("sling", cloth, sling);
  }

  private static void deckchair(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.5, 0.62), x = w / 2, r = dice.range(0.012, 0.022);
    double top = dice.range(0.8, 1.0), zTop = -dice.range(0.3, 0.45), zFoot = dice.range(0.2, 0.38);
    double zRear = -dice.range(0.45, 0.62), zSeat = dice.range(0.35, 0.5), ySeat = dice.range(0.33, 0.45);
    float[] frame = shape.colour(dice.chance(0.7) ? Material.WOOD : Material.METAL);
    List<Sdf> rails = new ArrayList<>();
    boolean square = dice.chance(0.5);
    double bw = 2.2 * r;
    for (int s = -1; s <= 1; s += 2) {
      double xs = s * x;
      if (square) {
        rails.add(panel(xs, zFoot, 0, zTop, top, bw, bw * 0.6, 0.004));
        rails.add(panel(xs + s * bw, zRear, 0, zSeat, ySeat, bw, bw * 0.6, 0.004));
      } else {
        rails.add(Sdfs.capsule(xs, 0, zFoot, xs, top, zTop, r));
        rails.add(Sdfs.capsule(xs + s * 2 * r, 0, zRear, xs + s * 2 * r, ySeat, zSeat, r));
      }
    }
    rails.add(crossBar(x, top, zTop, r));
    rails.add(crossBar(x + 2 * r, ySeat, zSeat, r));
    rails.add(crossBar(x + 2 * r, r, zRear, r));
    shape.add("frame", frame, rails);
    double sagZ = dice.range(-0.05, 0.12), sagY = dice.range(0.15, 0.28), t = dice.range(0.012, 0.025);
    List<Sdf> sling = new ArrayList<>();
    sling.add(panel(0, zTop + r, top - r, sagZ, sagY, w - 2 * r, t, 0.003));
    sling.add(panel(0, sagZ, sagY, zSeat - r, ySeat - r, w - 2 * r, t, 0.003));
    shape.add("sling", shape.colour(Material.FABRIC), sling);
    if (dice.chance(0.35)) { // armrests on short posts
      double armY = ySeat + dice.range(0.12, 0.22);
      List<Sdf> arms = new ArrayList<>();
      for (int s = -1; s <= 1; s += 2) {
        double xs = s * (x + 3 * r);
        arms.add(Sdfs.boxBetween(xs - r * 1.5, armY - r, zTop * 0.5, xs + r * 1.5, armY + r, zSeat, 0.004));
        arms.add(Sdfs.capsule(xs, ySeat * 0.9, zSeat - r, xs, armY, zSeat - r, r * 0.8));
      }
      shape.add("arms", frame, arms);
    }
  }

  private static void lounger(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.5, 0.75), t = dice.range(0.035, 0.12);
    double ySeat = dice.range(0.3, 0.42), seatLen = dice.range(0.42, 0.55), recline = dice.range(0.25, 0.6);
    double backLen = dice.range(0.55, 0.8);
    double zFront = seatLen / 2, zBack = -seatLen / 2, yBack = ySeat - seatLen * dice.range(0.05, 0.2);
    double zTop = zBack - backLen * StrictMath.sin(recline), yTop = yBack + backLen * StrictMath.cos(recline);
    float[] shellColour = shape.colour(dice.chance(0.6) ? Material.FABRIC : dice.chance(0.5) ? Material.PLASTIC : Material.WOOD);
    List<Sdf> shell = new ArrayList<>();
    shell.add(panel(0, zFront, ySeat, zBack, yBack, w, t, t * 0.4));
    shell.add(panel(0, zBack + t * 0.3, yBack, zTop, yTop, w, t, t * 0.4));
    if (dice.chance(0.3)) { // a leg rest folding down from the front
      double len = dice.range(0.2, 0.4);
      shell.add(panel(0, zFront - t * 0.3, ySeat, zFront + len * 0.6, ySeat - len * 0.8, w, t, t * 0.4));
    }
    shape.add("shell", shellColour, shell);
    float[] frame = shape.colour(dice.chance(0.5) ? Material.METAL : Material.WOOD);
    List<Sdf> base = new ArrayList<>();
    double x = w / 2 - 0.03, r = dice.range(0.01, 0.022), under = Math.min(ySeat, yBack) - t / 2;
    switch (dice.pick(0.35, 0.25, 0.2, 0.2)) {
      case 0 -> { // four legs
        sideTubes(base, x, zFront * 0.9, r, zFront * 0.7, ySeat - t / 2, r);
        sideTubes(base, x, zBack * 1.1, r, zBack * 0.8, yBack - t / 2, r);
      }
      case 1 -> { // cantilever: a floor rail that rises at the front and runs back under the seat
        double zRail = zBack * dice.range(0.8, 1.2);
        sideTubes(base, x, zRail, r, zFront, r, r);
        sideTubes(base, x, zFront, r, zFront * 0.85, ySeat - t / 2, r);
        base.add(crossBar(x, r, zRail, r));
      }
      case 2 -> { // rockers: two curved runners on posts
        double len = seatLen * dice.range(1.1, 1.5), lift = dice.range(0.05, 0.1);
        for (int s = -1; s <= 1; s += 2) {
          double xs = s * x;
          for (int i = 0; i < 4; i++) {
            double u0 = -0.5 + i / 4.0, u1 = u0 + 0.25;
            base.add(Sdfs.capsule(xs, r + lift * 4 * u0 * u0, len * u0, xs, r + lift * 4 * u1 * u1, len * u1, r));
          }
          base.add(Sdfs.capsule(xs, r, len * 0.2, xs, ySeat - t / 2, zFront * 0.6, r));
          base.add(Sdfs.capsule(xs, r, -len * 0.2, xs, yBack - t / 2, zBack * 0.7, r));
        }
      }
      default -> { // a column on a disc
        double footR = w * dice.range(0.3, 0.45);
        base.add(Sdfs.post(0, 0, 0.01, under + 0.01, dice.range(0.025, 0.05)));
        base.add(Sdfs.frustum(0, footR, dice.range(0.015, 0.04), footR * 0.8));
      }
    }
    shape.add("base", frame, base);
  }

  private static void cantilever(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.42, 0.52), d = dice.range(0.4, 0.5), h = dice.range(0.42, 0.48), r = dice.range(0.009, 0.014);
    double backH = dice.range(0.3, 0.5), lean = dice.range(0.02, 0.12), t = dice.range(0.015, 0.05), x = w / 2 - r;
    float[] frame = shape.colour(Material.METAL);
    List<Sdf> tube = new ArrayList<>();
    double zFoot = -d / 2 * dice.range(0.7, 1.1), zFront = d / 2 + dice.range(0.0, 0.05);
    sideTubes(tube, x, zFoot, r, zFront, r, r); // on the floor
    sideTubes(tube, x, zFront, r, zFront - 0.04, h - t, r); // up at the front
    sideTubes(tube, x, zFront - 0.04, h - t, -d / 2, h - t, r); // back under the seat
    sideTubes(tube, x, -d / 2, h - t, -d / 2 - lean, h + backH, r); // up into the back
    tube.add(crossBar(x, r, zFoot, r));
    shape.add("frame", frame, tube);
    float[] cover = shape.colour(dice.pick(0.4, 0.3, 0.3) == 0 ? Material.FABRIC : dice.chance(0.5) ? Material.WOOD : Material.DARK);
    List<Sdf> panels = new ArrayList<>();
    panels.add(Sdfs.boxBetween(-w / 2, h - t, -d / 2, w / 2, h, zFront - 0.02, Math.min(t, 0.02) * 0.4));
    double lo = dice.range(0.25, 0.55) * backH;
    panels.add(panel(0, -d / 2 - lean * lo / backH - r - t / 2, h + lo, -d / 2 - lean - r - t / 2, h + backH, w, t, Math.min(t, 0.02) * 0.4));
    shape.add("seat and back", cover, panels);
    if (dice.chance(0.35)) { // the tube loops into armrests
      double armY = h + dice.range(0.17, 0.24);
      List<Sdf> arms = new ArrayList<>();
      sideTubes(arms, x + 2 * r, -d / 2 - lean * 0.4, armY, zFront - 0.06, armY, r);
      sideTubes(arms, x + 2 * r, zFront - 0.06, armY, zFront - 0.04, h - t, r);
      shape.add("arms", frame, arms);
    }
  }

  private static void clubChair(Dice dice, ShapeBuilder shape) {
    double w = dice.range(0.65, 0.95), d = dice.range(0.65, 0.9), foot = dice.range(0.0, 0.12);
    double seatY = dice.range(0.38, 0.46), backY = dice.range(0.7, 0.98), armY = dice.range(0.5, 0.66);
    double armW = dice.range(0.08, 0.2), backT = dice.range(0.12, 0.25), round = dice.range(0.02, 0.08);
    float[] fabric = shape.colour(dice.chance(0.8) ? Material.FABRIC : Material.DARK);
    List<Sdf> body = new ArrayList<>();
    body.add(Sdfs.boxBetween(-w / 2, foot, -d / 2, w / 2, seatY - 0.08, d / 2, round));
    body.add(Sdfs.boxBetween(-w / 2, foot, -d / 2, w / 2, backY, -d / 2 + backT, round));
    for (int s = -1; s <= 1; s += 2) {
      body.add(Sdfs.boxBetween(s * w / 2, foot, -d / 2, s * (w / 2 - armW), armY, d / 2, round));
    }
    shape.add("body", fabric, body);
    shape.add("cushion", dice.chance(0.6) ? fabric : shape.colour(Material.FABRIC),
        Sdfs.boxBetween(-w / 2 + armW, seatY - 0.09, -d / 2 + backT, w / 2 - armW, seatY, d / 2 - 0.01, 0.03));
    if (foot > 0.02) {
      float[] wood = shape.colour(Material.WOOD);
      List<Sdf> feet = new ArrayList<>();
      double fr = dice.range(0.015, 0.03);
      for (int sx = -1; sx <= 1; sx += 2) {
        for (int sz = -1; sz <= 1; sz += 2) {
          feet.add(Sdfs.post(sx * (w / 2 - 0.06), sz * (d / 2 - 0.06), 0, foot + 0.01, fr));
        }
      }
      shape.add("feet", wood, feet);
    }
    if (dice.chance(0.4)) { // its ottoman, in front
      double ow = w * dice.range(0.55, 0.8), od = dice.range(0.35, 0.5), oh = seatY - dice.range(0.0, 0.05);
      double gap = dice.range(0.08, 0.25);
      shape.add("ottoman", fabric, Sdfs.boxBetween(-ow / 2, 0, d / 2 + gap, ow / 2, oh, d / 2 + gap + od, round));
    }
  }
}
