package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Cabinets, wardrobes, sideboards and bookcases: a carcass on a plinth, legs or the floor, split
 * into 1-3 columns, each with doors, drawers or open shelves, and handles.
 */
final class CabinetGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "cabinet";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    double width = dice.range(0.4, 1.8);
    double height = dice.range(0.4, 2.0);
    double depth = dice.range(0.28, 0.62);
    int support = dice.pick(0.4, 0.35, 0.25);
    double baseH = support == 2 ? 0 : dice.range(0.05, 0.2);
    double wall = dice.range(0.015, 0.035);
    double overhang = dice.chance(0.4) ? dice.range(0.005, 0.04) : 0;
    int columns = dice.between(1, width > 0.9 ? 3 : 2);
    boolean roundKnobs = dice.chance(0.5);

    float[] body = shape.colour(dice.chance(0.55) ? Material.WOOD : Material.PAINT);
    float[] fronts = dice.chance(0.5) ? body : shape.colour(dice.chance(0.5) ? Material.LIGHT : Material.WOOD);
    float[] handleColour = shape.colour(Material.METAL);

    double y0 = baseH, y1 = height;
    Sdf carcass = Sdfs.boxBetween(-width / 2, y0, -depth / 2, width / 2, y1, depth / 2, 0.003);
    List<Sdf> openings = new ArrayList<>();
    List<Sdf> panels = new ArrayList<>();
    List<Sdf> handles = new ArrayList<>();
    double colW = (width - wall) / columns;
    for (int c = 0; c < columns; c++) {
      double x0 = -width / 2 + wall + c * colW, x1 = x0 + colW - wall;
      int kind = dice.pick(0.45, 0.25, 0.3);
      double top = y1 - wall, bottom = y0 + wall;
      double front = depth / 2;
      if (kind == 0) {
        int doors = colW > 0.5 && dice.chance(0.6) ? 2 : 1;
        double dw = (x1 - x0) / doors;
        for (int k = 0; k < doors; k++) {
          double a = x0 + k * dw, b = a + dw;
          panels.add(Sdfs.boxBetween(a + 0.003, bottom, front - 0.005, b - 0.003, top, front + 0.012, 0.003));
          double hx = doors == 2 ? (k == 0 ? b - 0.04 : a + 0.04) : (c % 2 == 0 ? b - 0.04 : a + 0.04);
          handles.add(handle(roundKnobs, hx, (bottom + top) / 2 + (top - bottom) * 0.15, front + 0.012, true));
        }
      } else if (kind == 1) {
        int drawers = Math.max(2, (int) Math.round((top - bottom) / dice.range(0.15, 0.3)));
        double dh = (top - bottom) / drawers;
        for (int k = 0; k < drawers; k++) {
          double a = bottom + k * dh;
          panels.add(Sdfs.boxBetween(x0 + 0.003, a + 0.003, front - 0.005, x1 - 0.003, a + dh - 0.003, front + 0.012, 0.003));
          handles.add(handle(roundKnobs, (x0 + x1) / 2, a + dh * 0.6, front + 0.012, false));
        }
      } else {
        int shelves = Math.max(1, (int) Math.round((top - bottom) / dice.range(0.25, 0.45)));
        double sh = (top - bottom + wall) / shelves;
        for (int k = 0; k < shelves; k++) {
          double a = bottom + k * sh;
          openings.add(Sdfs.boxBetween(x0, a, -depth / 2 + wall, x1, a + sh - wall, front + 0.1, 0));
        }
      }
    }
    Sdf shell = openings.isEmpty() ? carcass : carcass.subtract(Sdfs.union(openings));
    List<Sdf> bodyParts = new ArrayList<>(List.of(shell));
    if (overhang > 0) {
      bodyParts.add(Sdfs.boxBetween(-width / 2 - overhang, y1, -depth / 2 - overhang * 0.3,
          width / 2 + overhang, y1 + dice.range(0.015, 0.04), depth / 2 + overhang, 0.004));
    }
    if (support == 0) {
      bodyParts.add(Sdfs.boxBetween(-width / 2 + 0.02, 0, -depth / 2 + 0.02, width / 2 - 0.02, baseH + 0.002,
          depth / 2 - 0.03, 0));
    }
    shape.add("body", body, bodyParts);
    shape.add("fronts", fronts, panels);
    shape.add("handles", handleColour, handles);
    if (support == 1) {
      List<Sdf> legs = new ArrayList<>();
      double r = dice.range(0.012, 0.03);
      boolean tapered = dice.chance(0.5);
      for (int sx = -1; sx <= 1; sx += 2) {
        for (int sz = -1; sz <= 1; sz += 2) {
          double x = sx * (width / 2 - r - 0.01), z = sz * (depth / 2 - r - 0.01);
          legs.add(tapered ? Sdfs.frustum(0, r * 0.5, baseH + 0.002, r).translate(x, 0, z)
              : Sdfs.post(x, z, 0, baseH + 0.002, r));
        }
      }
      shape.add("legs", handleColour, legs);
    }
  }

  private static Sdf handle(boolean knob, double x, double y, double z, boolean vertical) {
    if (knob) {
      return Sdfs.cylinder(x, y, z - 0.002, x, y, z + 0.025, 0.012);
    }
    return vertical
        ? Sdfs.box(0.012, 0.12, 0.02, 0.004).translate(x, y, z + 0.01)
        : Sdfs.box(0.12, 0.012, 0.02, 0.004).translate(x, y, z + 0.01);
  }
}
