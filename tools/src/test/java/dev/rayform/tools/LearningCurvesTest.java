package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {
  @Test
  void readsEveryCurveOfARunAndDrawsThem(@TempDir Path dir) throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int step = 1; step <= 200; step++) {
      jsonl.append(String.format("{\"step\":%d,\"loss\":%.3f,\"seconds\":%d", step, 40.0 / step, 36 * step));
      if (step % 100 == 0) {
        jsonl.append(String.format(",\"val_iou\":%.2f,\"train_ray_iou\":%.2f,\"val_ray_iou\":%.2f", step / 400.0, step / 250.0, step / 300.0));
      }
      jsonl.append("}\n");
    }
    jsonl.append("{\"step\":201,\"loss\":\"NaN\",\"seconds\":7236}\n");
    Files.writeString(dir.resolve("metrics.jsonl"), jsonl);
    Map<String, List<LearningCurves.Point>> curves = LearningCurves.read(dir.resolve("metrics.jsonl"));
    assertThat(curves.get("loss")).hasSize(200);
    assertThat(curves.get("val_iou")).extracting(LearningCurves.Point::value).containsExactly(0.25, 0.5);
    assertThat(curves.get("train_ray_iou")).extracting(LearningCurves.Point::step).containsExactly(100.0, 200.0);
    assertThat(curves.get("val_ray_iou").get(1).hours()).isEqualTo(2.0);

    BufferedImage img = LearningCurves.draw("run", curves);
    int red = 0, green = 0, blue = 0, lastRedX = -1, lastInkX = -1;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        lastRedX = rgb == 0xd62728 ? Math.max(lastRedX, x) : lastRedX;
        lastInkX = rgb != 0xffffff ? Math.max(lastInkX, x) : lastInkX;
        red += rgb == 0xd62728 ? 1 : 0;
        green += rgb == 0x2ca02c ? 1 : 0;
        blue += rgb == 0x1f77b4 ? 1 : 0;
      }
    }
    assertThat(red).isGreaterThan(50);
    assertThat(green).isGreaterThan(50);
    assertThat(blue).isGreaterThan(50);
    // the IoU panel, its last validation included, lies whole inside the picture, with a margin
    assertThat(lastInkX).isLessThan(img.getWidth() - 10);
    assertThat(lastRedX).isGreaterThan(img.getWidth() * 17 / 20);

    Path png = dir.resolve("curves.png");
    dev.rayform.launcher.CommandRun.Result r = CliRun.run("model", "curves", "--model", dir.toString(), "--out", png.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(img.getWidth());
  }
}
