package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Sofas from love seats to long couches: a base block on short legs or a plinth, 1-4 seat
 * cushions, a plain or cushioned back, box, rolled, slim or no arms, and an optional chaise.
 */
final class SofaGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "sofa";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    double width = dice.range(1.2, 2.7);
    double depth = dice.range(0.75, 1.05);
    double legH = dice.chance(0.7) ? dice.range(0.04, 0.2) : 0;
    double seatH = dice.range(0.36, 0.5);
    double height = dice.range(0.65, 1.0);
    int armStyle = dice.pick(0.4, 0.25, 0.2, 0.15);
    double armW = armStyle == 2 ? dice.range(0.03, 0.07) : dice.range(0.1, 0.28);
    double armH = dice.range(0.5, 0.72);
    int cushions = dice.between(1, 4);
    double backT = dice.range(0.12, 0.28);
    boolean backCushions = dice.chance(0.5);
    boolean chaise = dice.chance(0.2);
    double round = dice.range(0.01, 0.06);
    double cushionT = dice.range(0.08, 0.16);

    float[] fabric = shape.colour(Material.FABRIC);
    float[] cushionColour = dice.chance(0.6) ? fabric : shape.colour(Material.FABRIC);
    float[] legColour = shape.colour(dice.chance(0.5) ? Material.WOOD : Material.METAL);

    double innerW = armStyle == 3 ? width : width - 2 * armW;
    double baseTop = seatH - cushionT;
    List<Sdf> body = new ArrayList<>();
    body.add(Sdfs.boxBetween(-width / 2, legH, -depth / 2, width / 2, baseTop, depth / 2, round));
    body.add(Sdfs.boxBetween(-innerW / 2, baseTop - 0.02, -depth / 2, innerW / 2, height, -depth / 2 + backT, round * 1.5));
    double chaiseDepth = 0, chaiseX = 0;
    if (chaise) {
      chaiseDepth = dice.range(0.4, 0.7);
      double side = dice.chance(0.5) ? 1 : -1;
      double cw = innerW * dice.range(0.3, 0.45);
      double x0 = side > 0 ? innerW / 2 - cw : -innerW / 2;
      body.add(Sdfs.boxBetween(x0, legH, depth / 2 - 0.05, x0 + cw, baseTop, depth / 2 + chaiseDepth, round));
      chaiseX = x0 + cw / 2;
    }
    if (armStyle != 3) {
      for (int s = -1; s <= 1; s += 2) {
        double x0 = s * (width / 2 - armW / 2);
        body.add(Sdfs.box(armW, armH - legH, depth, round * 1.2).translate(x0, (armH + legH) / 2, 0));
        if (armStyle == 1) {
          double r = armW * 0.65;
          body.add(Sdfs.cylinder(x0, armH - r * 0.6, -depth / 2 + r * 0.3, x0, armH - r * 0.6, depth / 2 - 0.01, r));
        }
      }
    }
    shape.add("frame", fabric, body);

    List<Sdf> seats = new ArrayList<>();
    double cw = innerW / cushions;
    double front = depth / 2 + 0.01, backZ = -depth / 2 + backT;
    for (int i = 0; i < cushions; i++) {
      double x0 = -innerW / 2 + i * cw;
      seats.add(Sdfs.boxBetween(x0 + 0.005, baseTop - 0.01, backZ, x0 + cw - 0.005, seatH, front, cushionT * 0.35));
    }
    if (backCushions) {
      double bt = dice.range(0.1, 0.2), top = height - dice.range(0.0, 0.12);
      for (int i = 0; i < cushions; i++) {
        double x0 = -innerW / 2 + i * cw;
        seats.add(Sdfs.boxBetween(x0 + 0.005, seatH - 0.01, backZ - 0.02, x0 + cw - 0.005, top, backZ + bt, bt * 0.35));
      }
    }
    shape.add("cushions", cushionColour, seats);

    if (legH > 0) {
      List<Sdf> legs = new ArrayList<>();
      double r = dice.range(0.015, 0.035), in = dice.range(0.03, 0.1);
      double zf = depth / 2 - in;
      for (int sx = -1; sx <= 1; sx += 2) {
        for (int sz = -1; sz <= 1; sz += 2) {
          legs.add(Sdfs.frustum(0, r * 0.6, legH + 0.01, r).translate(sx * (width / 2 - in), 0, sz * zf));
        }
      }
      if (chaise) {
        legs.add(Sdfs.frustum(0, r * 0.6, legH + 0.01, r).translate(chaiseX, 0, depth / 2 + chaiseDepth - in));
      }
      shape.add("legs", legColour, legs);
    }
  }
}
