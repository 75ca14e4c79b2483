package dev.rayform.recon.eval;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.ContactSheet;
import dev.rayform.recon.render.Renderer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input, prediction and ground truth side by side, a few shapes per category: the picture of a
 * model's quality. Both meshes are in the normalised object frame and are rendered from the same
 * camera, so a prediction that is off in size or position shows as such.
 */
public final class ComparisonSheet {
  private final int perCategory;
  private final int cell;
  private final Map<String, List<Entry>> byCategory = new LinkedHashMap<>();
  private final Renderer renderer = new Renderer();
  private final Camera camera;

  private record Entry(BufferedImage input, BufferedImage prediction, BufferedImage truth, double iou) {}

  /** A sheet of up to {@code perCategory} shapes per category, each picture {@code cell} pixels square. */
  public ComparisonSheet(int perCategory, int cell) {
    if (perCategory < 1 || cell < 32) {
      throw new IllegalArgumentException("need at least one shape per category and 32-pixel cells");
    }
    this.perCategory = perCategory;
    this.cell = cell;
    this.camera = new Camera(Intrinsics.centered(cell, cell, 1.1), Extrinsics.orbit(35, 25, 2.0));
  }

  /** Whether a shape of {@code category} would still go on the sheet. */
  public boolean wants(String category) {
    return byCategory.getOrDefault(category, List.of()).size() < perCategory;
  }

  /** Adds one reconstruction (ignored once its category is full). */
  public void add(String category, BufferedImage input, Mesh prediction, Mesh truth, double iou) {
    if (!wants(category)) {
      return;
    }
    BufferedImage pred = prediction.isEmpty() ? blank() : renderer.render(prediction, camera).toImage(false);
    byCategory.computeIfAbsent(category, c -> new ArrayList<>())
        .add(new Entry(scaled(input), pred, renderer.render(truth, camera).toImage(false), iou));
  }

  public boolean isEmpty() {
    return byCategory.isEmpty();
  }

  /** One row per category: (input, prediction, ground truth) for each of its shapes. */
  public BufferedImage render() {
    ContactSheet sheet = new ContactSheet(3 * perCategory);
    int row = 0;
    for (Map.Entry<String, List<Entry>> category : byCategory.entrySet()) {
      sheet.rowTitle(row++, category.getKey());
      List<Entry> entries = category.getValue();
      for (int i = 0; i < perCategory; i++) {
        if (i < entries.size()) {
          Entry e = entries.get(i);
          sheet.add(e.input(), "input");
          sheet.add(e.prediction(), String.format("prediction, IoU %.2f", e.iou()));
          sheet.add(e.truth(), "ground truth");
        } else {
          sheet.add(blank(), "").add(blank(), "").add(blank(), "");
        }
      }
    }
    return sheet.render();
  }

  private BufferedImage scaled(BufferedImage input) {
    BufferedImage out = blank();
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      double f = Math.min((double) cell / input.getWidth(), (double) cell / input.getHeight());
      int w = (int) Math.round(input.getWidth() * f), h = (int) Math.round(input.getHeight() * f);
      g.drawImage(input, (cell - w) / 2, (cell - h) / 2, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private BufferedImage blank() {
    BufferedImage b = new BufferedImage(cell, cell, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = b.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, cell, cell);
    g.dispose();
    return b;
  }
}
