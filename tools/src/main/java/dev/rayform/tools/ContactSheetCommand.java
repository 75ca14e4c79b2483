package dev.rayform.tools;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.render.ContactSheet;
import dev.rayform.recon.data.procedural.ProceduralFamily;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.data.procedural.ProceduralShape;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rayform dataset contact-sheet}: renders of procedural shapes in a grid, one row per category. */
@Command(name = "contact-sheet", mixinStandardHelpOptions = true,
    description = "Render procedural shapes of a family, one row per category, to look at them.")
final class ContactSheetCommand implements Callable<Integer> {
  @Option(names = "--family", defaultValue = "procedural",
      description = "procedural, procedural-lights or procedural-seating. Default: ${DEFAULT-VALUE}.")
  String family;

  @Option(names = "--categories", split = ",", description = "Default: all of the family's (the 13 classes for procedural).")
  List<String> categories;

  @Option(names = "--per-category", defaultValue = "6", description = "Shapes per row. Default: ${DEFAULT-VALUE}.")
  int perCategory;

  @Option(names = "--first-seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
  long firstSeed;

  @Option(names = "--size", defaultValue = "200", description = "Cell size in pixels. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--mesh-resolution", defaultValue = "96", description = "Default: ${DEFAULT-VALUE}.")
  int meshResolution;

  @Option(names = "--out", required = true, description = "PNG to write.")
  Path out;

  @Mixin
  ProgressOption progress;

  @Override
  public Integer call() {
    ProceduralFamily shapes = ProceduralFamily.named(family);
    List<String> rows = categories == null ? shapes.categories() : OptionLists.named("--categories", categories);
    Renderer renderer = new Renderer();
    Camera camera = new Camera(Intrinsics.centered(size, size, 1.1), Extrinsics.orbit(35, 25, 2.0));
    ContactSheet sheet = new ContactSheet(perCategory);
    ConsoleProgress bar = progress.bar();
    bar.start("contact sheet", (long) rows.size() * perCategory);
    for (int row = 0; row < rows.size(); row++) {
      sheet.rowTitle(row, rows.get(row));
      for (long seed = firstSeed; seed < firstSeed + perCategory; seed++) {
        ProceduralShape shape = ProceduralGenerator.generate(shapes, rows.get(row), seed);
        sheet.add(renderer.render(shape.mesh(meshResolution), camera).toImage(false), "seed " + seed);
        bar.step(1);
      }
    }
    bar.finish();
    Rendering.writePng(sheet.render(), out);
    System.out.println("wrote " + out);
    return 0;
  }
}
