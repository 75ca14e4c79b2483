package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Monitors and televisions: a flat panel (with a bezel, an optional back bulge) or a deep CRT,
 * on a neck and foot (rectangular, round or oval), on two feet, or on a slab stand.
 */
final class DisplayGrammar implements CategoryGrammar {

  @Override
  public String category() {
    return "display";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int kind = dice.pick(0.55, 0.3, 0.15);
    double width = kind == 1 ? dice.range(0.8, 1.5) : dice.range(0.35, 0.75);
    double aspect = kind == 2 ? dice.range(1.2, 1.4) : dice.range(1.3, 2.4);
    double height = width / aspect;
    double thick = kind == 2 ? height * dice.range(0.8, 1.1) : dice.range(0.012, 0.05);
    double bezel = dice.range(0.004, 0.05) * (kind == 2 ? 1.5 : 1);
    int stand = dice.pick(0.55, 0.25, 0.2);
    double lift = kind == 1 ? dice.range(0.02, 0.25) : dice.range(0.05, 0.25);
    if (kind == 2) {
      lift = dice.range(0.0, 0.06);
    }
    double tilt = dice.range(-0.05, 0.15);

    float[] frame = shape.colour(dice.chance(0.7) ? Material.DARK : Material.PLASTIC);
    float[] screen = shape.colour(Material.DARK);
    float[] standColour = dice.chance(0.6) ? frame : shape.colour(Material.METAL);

    double cy = lift + height / 2;
    double panelT = kind == 2 ? Math.max(bezel * 0.8, 0.02) : thick;
    Sdf panel = Sdfs.box(width, height, panelT, Math.min(panelT * 0.4, 0.01))
        .subtract(Sdfs.box(width - 2 * bezel, height - 2 * bezel, panelT, 0).translate(0, 0, panelT * 0.5 + panelT * 0.2));
    List<Sdf> body = new ArrayList<>(List.of(panel));
    if (kind == 2) { // CRT: a tapering rear housing
      double r = dice.range(0.45, 0.7);
      body.add(Sdfs.loft(thick, r, 1, 0, -height * 0.05, 0, 0,
          Profiles.roundedRect(width * 0.95, height * 0.95, width * 0.05, 3)).translate(0, 0, -thick / 2));
    } else if (dice.chance(0.5)) {
      double bw = width * dice.range(0.3, 0.7), bh = height * dice.range(0.3, 0.7), bd = thick * dice.range(0.8, 2.5);
      body.add(Sdfs.box(bw, bh, bd, bd * 0.3).translate(0, -height * 0.05, -panelT / 2 - bd / 2 + bd * 0.1));
    }
    Sdf glass = Sdfs.box(width - 2 * bezel, height - 2 * bezel, panelT * 0.4, 0).translate(0, 0, panelT * 0.1);
    Sdf tiltedBody = Sdfs.union(body).rotateX(-tilt).translate(0, cy, 0);
    shape.add("housing", frame, tiltedBody);
    shape.add("screen", screen, glass.rotateX(-tilt).translate(0, cy, 0));

    double backZ = kind == 2 ? -thick * 0.5 : -panelT / 2 - 0.01;
    List<Sdf> standParts = new ArrayList<>();
    if (kind == 2 || lift < 0.03) {
      standParts.add(Sdfs.box(width * 0.5, Math.max(lift, 0.015) + 0.01, Math.max(thick * 0.6, 0.1), 0.005)
          .translate(0, (Math.max(lift, 0.015) + 0.01) / 2, backZ * 0.6));
    } else if (stand == 0) {
      int foot = dice.pick(1, 1, 1);
      double fw = width * dice.range(0.25, 0.5), fd = Math.max(0.12, fw * dice.range(0.5, 0.9));
      double footT = dice.range(0.01, 0.025);
      standParts.add(switch (foot) {
        case 0 -> Sdfs.box(fw, footT, fd, footT * 0.4).translate(0, footT / 2, backZ);
        case 1 -> Sdfs.cylinder(0, 0, backZ, 0, footT, backZ, fd / 2);
        default -> Sdfs.cylinder(0, 0, 0, 0, footT, 0, fw / 2).scale(1, 1, fd / fw).translate(0, 0, backZ);
      });
      double nw = dice.range(0.03, 0.09);
      standParts.add(Sdfs.box(nw, cy, 0.02, 0.005).translate(0, cy / 2, backZ - 0.01));
    } else if (stand == 1) {
      double spread = width * dice.range(0.3, 0.45), fd = dice.range(0.12, 0.28);
      for (int s = -1; s <= 1; s += 2) {
        standParts.add(Sdfs.box(0.03, 0.015, fd, 0.005).translate(s * spread, 0.0075, backZ * 0.5));
        standParts.add(Sdfs.box(0.03, lift + height * 0.2, 0.015, 0.004)
            .translate(s * spread, (lift + height * 0.2) / 2, backZ * 0.5 - 0.005));
      }
    } else {
      double sw = width * dice.range(0.2, 0.6), sd = dice.range(0.12, 0.25);
      standParts.add(Sdfs.box(sw, 0.02, sd, 0.006).translate(0, 0.01, backZ * 0.5));
      standParts.add(Sdfs.box(sw * 0.6, lift + 0.02, 0.03, 0.006).translate(0, (lift + 0.02) / 2, backZ * 0.5));
    }
    shape.add("stand", standColour, standParts);
  }
}
