package dev.rayform.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's learning curves as a PNG: the training loss (a moving average) and, on validation
 * steps, the held-out mesh IoU and the ray IoU of fixed training and held-out views, against steps
 * (bottom axis) and hours of training (top axis), from the run's {@code metrics.jsonl}.
 */
final class LearningCurves {
  private static final int PANEL = 500, LEFT = 60, GAP = 70, RIGHT = 50, TOP = 50, BOTTOM = 50;
  private static final int W = LEFT + PANEL + GAP + PANEL + RIGHT, H = 460;
  private static final Map<String, Color> IOU = new LinkedHashMap<>();

  static {
    IOU.put("val_iou", new Color(0xd62728));
    IOU.put("val_ray_iou", new Color(0x1f77b4));
    IOU.put("train_ray_iou", new Color(0x2ca02c));
  }

  private LearningCurves() {}

  /** One point of a curve. */
  record Point(double step, double hours, double value) {}

  static Map<String, List<Point>> read(Path metrics) {
    Map<String, List<Point>> curves = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(metrics)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        double step = n.path("step").asDouble(), hours = n.path("seconds").asDouble() / 3600;
        for (String key : List.of("loss", "val_iou", "val_ray_iou", "train_ray_iou")) {
          if (n.has(key) && n.get(key).isNumber() && Double.isFinite(n.get(key).asDouble())) {
            curves.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(step, hours, n.get(key).asDouble()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metrics, e);
    }
    return curves;
  }

  static BufferedImage draw(String title, Map<String, List<Point>> curves) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 22);
    List<Point> loss = movingAverage(curves.getOrDefault("loss", List.of()), 50);
    panel(g, LEFT, "training loss (moving average of 50 steps)", Map.of("loss", loss), Map.of("loss", Color.DARK_GRAY), false);
    Map<String, List<Point>> iou = new LinkedHashMap<>();
    IOU.keySet().forEach(k -> iou.put(k, curves.getOrDefault(k, List.of())));
    panel(g, LEFT + PANEL + GAP, "IoU: held-out meshes (red), held-out rays (blue), training rays (green)", iou, IOU, true);
    g.dispose();
    return img;
  }

  private static List<Point> movingAverage(List<Point> points, int window) {
    List<Point> out = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < points.size(); i++) {
      sum += points.get(i).value();
      if (i >= window) {
        sum -= points.get(i - window).value();
      }
      int n = Math.min(i + 1, window);
      if (i % Math.max(1, points.size() / 400) == 0 || i == points.size() - 1) {
        out.add(new Point(points.get(i).step(), points.get(i).hours(), sum / n));
      }
    }
    return out;
  }

  private static void panel(Graphics2D g, int x0, String label, Map<String, List<Point>> curves, Map<String, Color> colors, boolean unit) {
    int y0 = TOP, w = PANEL, h = H - TOP - BOTTOM;
    double maxStep = 1, maxHours = 0, lo = unit ? 0 : Double.POSITIVE_INFINITY, hi = unit ? 0 : Double.NEGATIVE_INFINITY;
    for (List<Point> c : curves.values()) {
      for (Point p : c) {
        maxStep = Math.max(maxStep, p.step());
        maxHours = Math.max(maxHours, p.hours());
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    if (!(hi > lo)) {
      lo = 0;
      hi = 1;
    }
    if (unit) {
      hi = Math.min(1, Math.ceil(hi * 10 + 0.5) / 10);
    }
    g.setColor(new Color(0xdddddd));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t <= 4; t++) {
      int y = y0 + h - t * h / 4;
      g.drawLine(x0, y, x0 + w, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.2f", lo + (hi - lo) * t / 4), x0 - 40, y + 4);
      int x = x0 + t * w / 4;
      g.drawString(String.format("%.0f", maxStep * t / 4), x - 12, y0 + h + 16);
      g.drawString(String.format("%.2f h", maxHours * t / 4), x - 14, y0 - 6);
      g.setColor(new Color(0xdddddd));
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, y0, w, h);
    g.drawString(label, x0, y0 + h + 36);
    g.drawString("step", x0 + w - 24, y0 + h + 16 + 20);
    g.setStroke(new BasicStroke(2f));
    for (Map.Entry<String, List<Point>> c : curves.entrySet()) {
      g.setColor(colors.get(c.getKey()));
      int px = -1, py = -1;
      for (Point p : c.getValue()) {
        int x = x0 + (int) Math.round(p.step() / maxStep * w);
        int y = y0 + h - (int) Math.round((p.value() - lo) / (hi - lo) * h);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        g.fillOval(x - 3, y - 3, 6, 6);
        px = x;
        py = y;
      }
    }
    g.setStroke(new BasicStroke(1f));
  }
}
