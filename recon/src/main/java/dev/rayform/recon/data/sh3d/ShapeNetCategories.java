package dev.rayform.recon.data.sh3d;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a furniture name and category (English) to one of the 13 ShapeNet classes by keyword
 * rules. The name decides first; the category is consulted only when the name matches nothing.
 * Rule order resolves overlaps: "table lamp" is a lamp, "sofa armchair" a sofa, "desk chair" a
 * chair, "bookcase" a cabinet, "coffee table" a table.
 */
public final class ShapeNetCategories {
  /** The 13 classes of the ShapeNet subset used by 3D-R2N2, ONet and Ray-ONet. */
  public static final List<String> ALL = List.of("airplane", "bench", "cabinet", "car", "chair", "display",
      "lamp", "loudspeaker", "rifle", "sofa", "table", "telephone", "vessel");

  private record Rule(String category, Pattern pattern) {}

  private static Rule rule(String category, String words) {
    return new Rule(category, Pattern.compile("\\b(" + words + ")\\b"));
  }

  private static final List<Rule> RULES = List.of(
      rule("lamp", "lamps?|lights?|lighting|chandeliers?|sconces?|lanterns?|spots?|spotlights?|luminaires?|torch[eè]re"),
      rule("sofa", "sofas?|couch(es)?|settees?|loveseats?|chesterfields?|sofa ?beds?"),
      rule("chair", "chairs?|armchairs?|stools?|rocking ?chairs?|recliners?"),
      rule("bench", "benche?s?"),
      rule("car", "cars?|bus(es)?|trucks?|lorr(y|ies)|vans?|jeeps?|taxis?|automobiles?|pick-?ups?|suv"),
      rule("airplane", "airplanes?|aeroplanes?|aircrafts?|(bi|mono|sea)?planes?|jets?|helicopters?"),
      rule("vessel", "(row|sail|motor|speed)?boats?|ships?|yachts?|canoes?|kayaks?|vessels?"),
      rule("rifle", "rifles?|guns?|shotguns?|carbines?"),
      rule("telephone", "phones?|telephones?|smartphones?|cellphones?|mobile phones?"),
      rule("loudspeaker", "speakers?|loudspeakers?|subwoofers?|hi-?fi|stereo|radio"),
      rule("cabinet", "cupboards?|wardrobes?|dressers?|bookcases?|bookshelf|bookshelves|cabinets?|shel(f|ves)"
          + "|sideboards?|closets?|chests?|drawers?|commodes?|buffets?|lockers?|armoires?|nightstands?"),
      rule("display", "tvs?|televisions?|monitors?|screens?|displays?|flat ?screens?"),
      rule("table", "tables?|desks?|worktables?"));

  private ShapeNetCategories() {}

  /** The ShapeNet class for a name and category, or null when no rule matches. */
  public static String of(String name, String category) {
    if (excluded(name)) {
      return null;
    }
    String c = match(name);
    return c != null ? c : match(category);
  }

  /**
   * Whether an item is something a camera sees: Sweet Home 3D's light sources are invisible
   * helpers, no object of any class.
   */
  public static boolean visible(String name) {
    return name == null || !name.toLowerCase(Locale.ROOT).contains("light source");
  }

  /** Room dividers, doors, invisible light sources and containers that keywords would misfile. */
  private static boolean excluded(String name) {
    String t = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return t.contains("folding screen") || t.contains("screen door") || !visible(name)
        || t.contains("shipping container");
  }

  private static String match(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.toLowerCase(Locale.ROOT).replace('_', ' ');
    for (Rule r : RULES) {
      if (r.pattern().matcher(t).find()) {
        return r.category();
      }
    }
    return null;
  }
}
