package dev.rayform.recon.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out images in a grid with a label under each and a title per row, on white. Cells are as
 * large as the largest image; images are centred in their cell.
 */
public final class ContactSheet {
  private final int columns;
  private final List<BufferedImage> images = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final List<String> rowTitles = new ArrayList<>();

  /** A sheet with {@code columns} images per row. */
  public ContactSheet(int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("a contact sheet needs at least one column");
    }
    this.columns = columns;
  }

  /** Adds an image with a caption; images fill rows left to right. */
  public ContactSheet add(BufferedImage image, String label) {
    images.add(image);
    labels.add(label == null ? "" : label);
    return this;
  }

  /** Sets the title shown left of row {@code row}. */
  public ContactSheet rowTitle(int row, String title) {
    while (rowTitles.size() <= row) {
      rowTitles.add("");
    }
    rowTitles.set(row, title);
    return this;
  }

  public BufferedImage render() {
    if (images.isEmpty()) {
      throw new IllegalStateException("no images on the contact sheet");
    }
    int cellW = 0, cellH = 0;
    for (BufferedImage im : images) {
      cellW = Math.max(cellW, im.getWidth());
      cellH = Math.max(cellH, im.getHeight());
    }
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, cellH / 14));
    int labelH = font.getSize() + 6, gap = 4;
    int rows = (images.size() + columns - 1) / columns;
    int titleW = rowTitles.stream().anyMatch(t -> !t.isEmpty()) ? Math.max(80, cellW * 2 / 3) : 0;
    int width = titleW + columns * (cellW + gap) + gap;
    int height = rows * (cellH + labelH + gap) + gap;
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setFont(font);
      FontMetrics fm = g.getFontMetrics();
      for (int i = 0; i < images.size(); i++) {
        int row = i / columns, col = i % columns;
        int x = titleW + gap + col * (cellW + gap), y = gap + row * (cellH + labelH + gap);
        BufferedImage im = images.get(i);
        g.drawImage(im, x + (cellW - im.getWidth()) / 2, y + (cellH - im.getHeight()) / 2, null);
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(x, y, cellW - 1, cellH - 1);
        g.setColor(Color.DARK_GRAY);
        String label = fit(labels.get(i), fm, cellW);
        g.drawString(label, x + (cellW - fm.stringWidth(label)) / 2, y + cellH + fm.getAscent() + 2);
      }
      g.setColor(Color.BLACK);
      for (int r = 0; r < Math.min(rows, rowTitles.size()); r++) {
        String t = fit(rowTitles.get(r), fm, titleW - 6);
        g.drawString(t, 4, gap + r * (cellH + labelH + gap) + cellH / 2 + fm.getAscent() / 2);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  private static String fit(String s, FontMetrics fm, int width) {
    String out = s;
    while (out.length() > 1 && fm.stringWidth(out) > width) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
