package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Vessels with the bow at +z: sailboats (mast, main sail, optional jib, small cabin), motor yachts
 * (stepped superstructure), ships (long hull, bridge, funnels, optional containers) and open
 * rowing boats or canoes (hollow hull with thwarts). Hulls are a V, U or flat section, straight
 * aft and lofted to a rising, pointed bow.
 */
final class VesselGrammar implements CategoryGrammar {
  private static final int SAIL = 0, YACHT = 1, SHIP = 2, ROWBOAT = 3;

  @Override
  public String category() {
    return "vessel";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int kind = dice.pick(0.3, 0.25, 0.25, 0.2);
    double len = 1.0;
    double beam = len * switch (kind) {
      case SHIP -> dice.range(0.11, 0.16);
      case ROWBOAT -> dice.range(0.15, 0.35);
      default -> dice.range(0.22, 0.34);
    };
    double depth = beam * dice.range(0.35, 0.7);
    int section = dice.pick(0.4, 0.4, 0.2);
    double bowFraction = dice.range(0.25, 0.5);
    double sheer = depth * dice.range(0.1, 0.5);
    double sternTaper = dice.range(0.75, 1.0);

    float[] hullColour = shape.colour(kind == ROWBOAT && dice.chance(0.6) ? Material.WOOD : Material.PAINT);
    float[] deckColour = shape.colour(dice.chance(0.5) ? Material.LIGHT : Material.WOOD);
    float[] superColour = shape.colour(Material.LIGHT);
    float[] dark = shape.colour(Material.DARK);

    Sdf hull = hull(section, len, beam, depth, bowFraction, sheer, sternTaper);
    if (kind == ROWBOAT) {
      double wall = beam * 0.06;
      Sdf inner = hull(section, len - 4 * wall, beam - 2 * wall, depth, bowFraction, sheer, sternTaper)
          .translate(0, wall * 1.5, 0);
      hull = hull.subtract(inner);
      shape.add("hull", hullColour, hull.translate(0, depth, 0));
      List<Sdf> thwarts = new ArrayList<>();
      int n = dice.between(1, 3);
      for (int i = 0; i < n; i++) {
        double z = -len * 0.3 + len * 0.5 * (i + 0.5) / n;
        thwarts.add(Sdfs.box(beam * 0.85, depth * 0.08, len * 0.05, 0.002).translate(0, depth * 0.75, z));
      }
      shape.add("thwarts", deckColour, thwarts);
      return;
    }
    shape.add("hull", hullColour, hull.translate(0, depth, 0));
    double deckY = depth;
    double aftLen = len * (1 - bowFraction);
    double z0 = -len / 2;
    List<Sdf> top = new ArrayList<>();
    List<Sdf> rig = new ArrayList<>();
    switch (kind) {
      case SAIL -> {
        double mastZ = z0 + aftLen * dice.range(0.65, 0.95);
        double mastH = len * dice.range(0.8, 1.4);
        rig.add(Sdfs.post(0, mastZ, deckY, deckY + mastH, len * 0.006));
        double boom = len * dice.range(0.3, 0.5);
        double sailBottom = deckY + len * 0.06;
        top.add(Profiles.side(0.012, mastZ - 0.005, sailBottom, mastZ - 0.005, deckY + mastH * 0.97,
            mastZ - boom, sailBottom));
        rig.add(Sdfs.cylinder(0, sailBottom - 0.01, mastZ, 0, sailBottom - 0.01, mastZ - boom, len * 0.005));
        if (dice.chance(0.6)) {
          double bowZ = len / 2 - len * 0.04;
          top.add(Profiles.side(0.012, mastZ + 0.01, deckY + mastH * 0.85, mastZ + 0.01, sailBottom,
              bowZ, deckY + sheer * 0.8 + 0.01));
        }
        if (dice.chance(0.6)) {
          double cl = aftLen * dice.range(0.3, 0.5);
          shape.add("cabin", superColour, Sdfs.box(beam * 0.55, depth * 0.4, cl, 0.01).translate(0, deckY + depth * 0.2, mastZ - cl * 0.55));
        }
        shape.add("sails", superColour, top);
        shape.add("rigging", dark, rig);
      }
      case YACHT -> {
        int tiers = dice.between(1, 3);
        double l = aftLen * dice.range(0.6, 0.95), w = beam * dice.range(0.7, 0.85), h = depth * dice.range(0.4, 0.7);
        double zc = z0 + aftLen * 0.55 + dice.range(0, 0.1);
        double y = deckY;
        List<Sdf> windows = new ArrayList<>();
        for (int i = 0; i < tiers; i++) {
          top.add(Sdfs.box(w, h, l, Math.min(h, w) * 0.15).translate(0, y + h / 2, zc));
          windows.add(Sdfs.box(w + 0.004, h * 0.35, l * 0.8, 0.002).translate(0, y + h * 0.6, zc + l * 0.05));
          y += h;
          l *= dice.range(0.5, 0.8);
          w *= 0.9;
          zc -= l * 0.15;
        }
        if (dice.chance(0.5)) {
          rig.add(Sdfs.post(0, zc, y, y + depth * 0.8, len * 0.005));
        }
        shape.add("superstructure", superColour, top);
        windows.addAll(rig);
        shape.add("windows", dark, windows);
      }
      default -> {
        double bridgeZ = z0 + aftLen * dice.range(0.05, 0.6);
        double bl = len * dice.range(0.08, 0.18), bh = depth * dice.range(0.8, 1.8);
        top.add(Sdfs.box(beam * 0.8, bh, bl, 0.003).translate(0, deckY + bh / 2, bridgeZ));
        top.add(Sdfs.box(beam * 0.95, bh * 0.15, bl * 0.5, 0.002).translate(0, deckY + bh * 0.92, bridgeZ + bl * 0.2));
        int funnels = dice.between(0, 3);
        List<Sdf> funnelParts = new ArrayList<>();
        double fr = beam * dice.range(0.1, 0.18);
        for (int i = 0; i < funnels; i++) {
          double fz = bridgeZ - bl * 0.5 - fr * (1.5 + 2.5 * i);
          if (fz - fr < z0) {
            break;
          }
          funnelParts.add(Sdfs.cylinder(0, 0, 0, 0, bh * 1.4, 0, fr).scale(1, 1, 1.3).translate(0, deckY, fz));
        }
        if (dice.chance(0.5)) {
          int rows = dice.between(1, 3);
          double cz0 = bridgeZ + bl * 0.6, cz1 = len / 2 - len * bowFraction * 0.6;
          int n = Math.max(1, (int) ((cz1 - cz0) / (len * 0.06)));
          for (int i = 0; i < n; i++) {
            double cz = cz0 + (cz1 - cz0) * (i + 0.5) / n;
            top.add(Sdfs.box(beam * 0.8, depth * 0.35 * rows, (cz1 - cz0) / n * 0.9, 0.001)
                .translate(0, deckY + depth * 0.175 * rows, cz));
          }
        }
        shape.add("superstructure", superColour, top);
        if (!funnelParts.isEmpty()) {
          shape.add("funnels", shape.colour(Material.PAINT), funnelParts);
        }
        if (dice.chance(0.6)) {
          rig.add(Sdfs.post(0, bridgeZ, deckY + bh, deckY + bh + depth * 1.2, len * 0.004));
          shape.add("mast", dark, rig);
        }
      }
    }
    shape.add("deck", deckColour, Sdfs.box(beam * 0.75, depth * 0.04, aftLen * 0.9, 0.001).translate(0, deckY, z0 + aftLen * 0.5));
  }

  /** A hull with its deck edge at y = 0 and keel at -depth, stern at z = -len/2, bow at +len/2. */
  private static Sdf hull(int section, double len, double beam, double depth, double bowFraction, double sheer,
      double sternTaper) {
    double b = beam / 2;
    double[] xy = switch (section) {
      case 0 -> new double[] {-b, 0, -b * 0.95, -depth * 0.35, -b * 0.35, -depth * 0.8, 0, -depth,
          b * 0.35, -depth * 0.8, b * 0.95, -depth * 0.35, b, 0};
      case 1 -> new double[] {-b, 0, -b * 0.97, -depth * 0.45, -b * 0.8, -depth * 0.78, -b * 0.45, -depth * 0.96, 0, -depth,
          b * 0.45, -depth * 0.96, b * 0.8, -depth * 0.78, b * 0.97, -depth * 0.45, b, 0};
      default -> new double[] {-b, 0, -b, -depth * 0.7, -b * 0.85, -depth, b * 0.85, -depth, b, -depth * 0.7, b, 0};
    };
    double bowLen = len * bowFraction, aftLen = len - bowLen;
    Sdf aft = Sdfs.loft(aftLen, sternTaper, 1, 0, 0, 0, 0, xy).translate(0, 0, -len / 2 + aftLen / 2);
    Sdf bow = Sdfs.loft(bowLen, 1, 0.04, 0, 0, 0, sheer, xy).translate(0, 0, len / 2 - bowLen / 2);
    return Sdfs.union(aft, bow);
  }
}
