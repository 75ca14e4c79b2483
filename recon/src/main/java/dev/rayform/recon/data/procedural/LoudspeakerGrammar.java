package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Loudspeakers: bookshelf boxes, floor towers, tapered (trapezoid) cabinets or cylinders, with 1-4
 * recessed cone drivers, an optional dome tweeter and bass port, on feet, a plinth or a stand.
 */
final class LoudspeakerGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "loudspeaker";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int kind = dice.pick(0.45, 0.25, 0.15, 0.15);
    double width = dice.range(0.14, 0.42);
    double height = kind == 1 ? dice.range(0.8, 1.2) : width * dice.range(1.0, 2.0);
    double depth = kind == 3 ? width : width * dice.range(0.8, 1.6);
    int support = dice.pick(0.5, 0.2, 0.15, 0.15);
    double lift = switch (support) {
      case 1 -> dice.range(0.01, 0.04);
      case 2 -> dice.range(0.03, 0.08);
      case 3 -> kind == 1 ? 0.05 : dice.range(0.4, 0.7);
      default -> 0;
    };
    double round = width * dice.range(0.0, 0.12);
    int drivers = kind == 1 ? dice.between(2, 4) : dice.between(1, 2);
    boolean tweeter = dice.chance(0.7);
    boolean port = dice.chance(0.4);

    float[] cabinet = shape.colour(dice.chance(0.5) ? Material.WOOD : (dice.chance(0.5) ? Material.DARK : Material.PAINT));
    float[] cone = shape.colour(dice.chance(0.7) ? Material.DARK : Material.LIGHT);
    float[] metal = shape.colour(Material.METAL);

    double front = depth / 2;
    Sdf box = switch (kind) {
      case 2 -> Profiles.plan(lift, lift + height, -width / 2, front, width / 2, front,
          width * 0.3, -depth / 2, -width * 0.3, -depth / 2);
      case 3 -> Sdfs.cylinder(0, lift, 0, 0, lift + height, 0, width / 2);
      default -> Sdfs.box(width, height, depth, round).translate(0, lift + height / 2, 0);
    };

    List<Sdf> recesses = new ArrayList<>();
    List<Sdf> cones = new ArrayList<>();
    double usable = height * (tweeter ? 0.75 : 0.95);
    double driverR = Math.min(width * dice.range(0.3, 0.42), usable / drivers * 0.42);
    double frontZ = kind == 3 ? width / 2 * 0.98 : front;
    for (int i = 0; i < drivers; i++) {
      double y = lift + usable * (i + 0.5) / drivers + (tweeter ? 0 : height * 0.025);
      recesses.add(Sdfs.cylinder(0, y, frontZ - driverR * 0.25, 0, y, frontZ + 0.1, driverR));
      cones.add(Profiles.latheZ(0, frontZ - driverR * 0.4, driverR, frontZ - driverR * 0.05,
          driverR * 0.95, frontZ - driverR * 0.02, 0, frontZ - driverR * 0.35).translate(0, y, 0));
      cones.add(Sdfs.sphere(driverR * 0.25).scale(1, 1, 0.6).translate(0, y, frontZ - driverR * 0.3));
    }
    if (tweeter) {
      double r = Math.min(width * 0.12, height * 0.08);
      double y = lift + height * 0.87;
      recesses.add(Sdfs.cylinder(0, y, frontZ - r * 0.3, 0, y, frontZ + 0.1, r * 1.4));
      cones.add(Sdfs.sphere(r).scale(1, 1, 0.7).translate(0, y, frontZ - r * 0.4));
    }
    if (port) {
      double r = width * dice.range(0.05, 0.1);
      double y = lift + height * (tweeter ? 0.05 : 0.04) + r;
      if (kind != 3 && usable / drivers * 0.5 > r * 2) {
        recesses.add(Sdfs.cylinder(0, y, frontZ - depth * 0.4, 0, y, frontZ + 0.1, r));
      }
    }
    shape.add("cabinet", cabinet, box.subtract(Sdfs.union(recesses)));
    shape.add("drivers", cone, cones);

    if (support > 0) {
      List<Sdf> base = new ArrayList<>();
      double foot = depth * 0.5;
      switch (support) {
        case 1 -> {
          double r = Math.min(width, depth) * 0.08;
          for (int sx = -1; sx <= 1; sx += 2) {
            for (int sz = -1; sz <= 1; sz += 2) {
              base.add(Sdfs.frustum(0, r * 0.6, lift + 0.002, r).translate(sx * width * 0.35, 0, sz * depth * 0.35));
            }
          }
        }
        case 2 -> base.add(Sdfs.box(width * 1.15, lift + 0.002, depth * 1.1, 0.004).translate(0, lift / 2, 0));
        default -> {
          base.add(Sdfs.box(Math.max(width, 0.25) * 1.1, 0.02, Math.max(depth, 0.25) * 1.1, 0.004).translate(0, 0.01, 0));
          base.add(Sdfs.box(width * 0.25, lift, Math.min(depth, foot) * 0.5, 0.004).translate(0, lift / 2, 0));
          base.add(Sdfs.box(width * 0.9, 0.015, depth * 0.8, 0.003).translate(0, lift - 0.0075, 0));
        }
      }
      shape.add("stand", metal, base);
    }
  }
}
