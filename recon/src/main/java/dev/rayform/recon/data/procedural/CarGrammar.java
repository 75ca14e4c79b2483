package dev.rayform.recon.data.procedural;

import java.util.ArrayList;
import java.util.List;

/**
 * Cars along z with the nose at +z: sedan, hatchback, SUV, pickup, sports car or van. A rounded
 * lower body from a side profile with wheel arches, a narrower glass cabin with a painted roof,
 * four wheels with hubs, and options such as a spoiler or roof rails.
 */
final class CarGrammar implements CategoryGrammar {
  private static final int SEDAN = 0, HATCH = 1, SUV = 2, PICKUP = 3, SPORTS = 4, VAN = 5;

  @Override
  public String category() {
    return "car";
  }

  @Override
  public void build(Dice dice, ShapeBuilder shape) {
    int type = dice.pick(0.22, 0.18, 0.18, 0.14, 0.14, 0.14);
    double len = switch (type) {
      case HATCH -> dice.range(3.5, 4.3);
      case PICKUP -> dice.range(5.0, 5.8);
      case VAN -> dice.range(4.5, 5.4);
      case SPORTS -> dice.range(4.0, 4.7);
      default -> dice.range(4.3, 5.0);
    };
    double width = dice.range(1.7, 2.0);
    boolean big = type == SUV || type == PICKUP || type == VAN;
    double wheelR = big ? dice.range(0.36, 0.45) : dice.range(0.29, 0.36);
    double clearance = type == SPORTS ? dice.range(0.1, 0.14) : big ? dice.range(0.2, 0.32) : dice.range(0.13, 0.2);
    double belt = clearance + (type == SPORTS ? dice.range(0.45, 0.55) : big ? dice.range(0.7, 0.9) : dice.range(0.55, 0.7));
    double roof = switch (type) {
      case SPORTS -> dice.range(1.05, 1.25);
      case SUV, PICKUP -> dice.range(1.65, 1.9);
      case VAN -> dice.range(1.9, 2.3);
      default -> dice.range(1.38, 1.52);
    };
    double hood = len * (type == VAN ? dice.range(0.05, 0.15) : type == SPORTS ? dice.range(0.35, 0.45) : dice.range(0.25, 0.35));
    double rake = (roof - belt) * (type == VAN ? dice.range(0.4, 0.9) : dice.range(1.0, 1.8));
    double rearOverhang = len * dice.range(0.14, 0.22), frontOverhang = len * dice.range(0.14, 0.22);
    double noseDrop = dice.range(0.05, 0.2) * (belt - clearance);
    double round = dice.range(0.03, 0.1);

    float[] paint = shape.colour(Material.PAINT);
    float[] glass = shape.colour(Material.DARK);
    float[] tyre = shape.colour(Material.DARK);
    float[] rim = shape.colour(Material.METAL);

    double zf = len / 2, zr = -len / 2;
    double zWs = zf - hood; // windshield base
    double zRoofFront = zWs - rake;
    double zRoofBack, zRearBase;
    switch (type) {
      case SEDAN, SPORTS -> {
        zRearBase = zr + len * dice.range(0.12, 0.22);
        zRoofBack = zRearBase + (roof - belt) * dice.range(1.2, 2.2);
      }
      case PICKUP -> {
        zRearBase = zWs - len * dice.range(0.28, 0.35);
        zRoofBack = zRearBase + 0.1;
      }
      default -> {
        zRearBase = zr + 0.05;
        zRoofBack = zRearBase + (roof - belt) * dice.range(0.1, 0.5);
      }
    }
    zRoofBack = Math.min(zRoofBack, zRoofFront - 0.3);

    double r = round;
    Sdf lower = Profiles.side(width - 2 * r,
        zr + r, clearance + 0.08 + r, zr + 0.15, clearance + r, zf - 0.2, clearance + r, zf - r, clearance + 0.15,
        zf - r, belt - noseDrop - r, zWs, belt - r, zr + r, belt - r + (type == SEDAN ? 0.05 : 0)).offset(r);
    List<Sdf> arches = new ArrayList<>();
    double wheelZf = zf - frontOverhang, wheelZr = zr + rearOverhang;
    double tw = dice.range(0.18, 0.3);
    for (int s = -1; s <= 1; s += 2) {
      double xIn = s * (width / 2 - tw - 0.08), xOut = s * (width / 2 + 0.2);
      arches.add(Sdfs.cylinder(xIn, wheelR, wheelZf, xOut, wheelR, wheelZf, wheelR * 1.12));
      arches.add(Sdfs.cylinder(xIn, wheelR, wheelZr, xOut, wheelR, wheelZr, wheelR * 1.12));
    }
    if (type == PICKUP) {
      arches.add(Sdfs.boxBetween(-width / 2 + 0.08, belt - 0.45, zr + 0.1, width / 2 - 0.08, belt + 1, zRearBase - 0.08, 0));
    }
    List<Sdf> bodyParts = new ArrayList<>(List.of(lower.subtract(Sdfs.union(arches))));
    double cabinW = width * dice.range(0.8, 0.9), cr = 0.06;
    Sdf cabin = Profiles.side(cabinW - 2 * cr, zRearBase, belt - 0.1, zWs, belt - 0.1, zRoofFront, roof - cr,
        zRoofBack, roof - cr).offset(cr);
    bodyParts.add(Profiles.side(cabinW - 0.02, zRoofBack + 0.05, roof - 0.04, zRoofFront - 0.05, roof - 0.04,
        zRoofFront - 0.05, roof + 0.01, zRoofBack + 0.05, roof + 0.01).offset(0.005));
    if (type == SPORTS && dice.chance(0.5)) {
      bodyParts.add(Sdfs.box(width * 0.85, 0.03, 0.25, 0.01).translate(0, belt + 0.18, zr + 0.2));
      bodyParts.add(Sdfs.box(width * 0.6, 0.2, 0.05, 0.01).translate(0, belt + 0.08, zr + 0.2));
    }
    if (type == SUV && dice.chance(0.5)) {
      for (int s = -1; s <= 1; s += 2) {
        bodyParts.add(Sdfs.box(0.04, 0.05, (zRoofFront - zRoofBack) * 0.9, 0.01)
            .translate(s * cabinW * 0.42, roof + 0.04, (zRoofFront + zRoofBack) / 2));
      }
    }
    shape.add("body", paint, bodyParts);
    shape.add("windows", glass, cabin);

    List<Sdf> tyres = new ArrayList<>();
    List<Sdf> hubs = new ArrayList<>();
    double hubR = wheelR * dice.range(0.45, 0.7);
    for (int s = -1; s <= 1; s += 2) {
      double xOut = s * (width / 2 - 0.04), xIn = xOut - s * tw;
      for (double z : new double[] {wheelZf, wheelZr}) {
        tyres.add(Sdfs.cylinder(xIn, wheelR, z, xOut, wheelR, z, wheelR));
        hubs.add(Sdfs.cylinder(xOut - s * 0.02, wheelR, z, xOut + s * 0.012, wheelR, z, hubR));
      }
    }
    shape.add("tyres", tyre, tyres);
    shape.add("hubs", rim, hubs);
  }
}
