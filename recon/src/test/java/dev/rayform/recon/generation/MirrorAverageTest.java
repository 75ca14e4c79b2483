package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Averaging with the mirrored image: exact index maps, and a reconstruction that mirrors with its input. */
class MirrorAverageTest {
  @Test
  void mirrorsMapColumnUToRMinusOneMinusUAndUndoThemselves() {
    // 2 x 3 grid of rays, 2 depths each: ray (v, u) holds 10 * (v * 3 + u) + j.
    float[] rays = new float[2 * 3 * 2];
    for (int i = 0; i < rays.length; i++) {
      rays[i] = 10 * (i / 2) + i % 2;
    }
    float[] mirrored = MirroredRays.values(rays, 3, 2);
    assertThat(mirrored).containsExactly(20, 21, 10, 11, 0, 1, 50, 51, 40, 41, 30, 31);
    assertThat(MirroredRays.values(mirrored, 3, 2)).containsExactly(rays);
    assertThat(MirroredRays.flags(new boolean[] {true, false, false, false, true, true}, 3))
        .containsExactly(false, false, true, true, true, false);
    // Two channels of a 2 x 2 image.
    assertThat(MirroredRays.image(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2)).containsExactly(2, 1, 4, 3, 6, 5, 8, 7);
    float[] probs = {0.25f, 0.5f, 0.75f, 1f};
    MirroredRays.average(probs, new float[] {0.5f, 0.25f, 0.75f, 0.25f}, 2, 1);
    assertThat(probs).containsExactly(0.25f, 0.5f, 0.5f, 0.875f);
  }

  @Test
  void withMirrorAveragingTheMirroredPhotoGivesTheMirroredMesh() {
    // An untrained network is far from mirror-symmetric; averaging makes the output exactly so.
    ModelInfo info = ModelInfo.untrained(ModelConfig.tiny(ModelConfig.RAYONET));
    try (TrainedModel model = TrainedModel.create(info.withMirrorTrained(true), 3);
        TrainedModel neverMirrored = TrainedModel.create(info, 3)) {
      int s = model.config().imageSize();
      BufferedImage photo = lShape(s, false), mirroredPhoto = lShape(s, true);
      ReconstructOptions plain = ReconstructOptions.DEFAULT.withResolution(32).withSmoothing(0).withMirrorAverage(false);
      ReconstructOptions averaged = plain.withMirrorAverage(true);

      Mesh a = mesh(model, averaged, photo), b = mesh(model, averaged, mirroredPhoto);
      assertThat(a.isEmpty()).isFalse();
      assertThat(b.vertexCount()).isEqualTo(a.vertexCount());
      double[] sa = sums(a), sb = sums(b);
      assertThat(sb[0]).isCloseTo(-sa[0], within(1e-3 * a.vertexCount()));
      assertThat(sb[1]).isCloseTo(sa[1], within(1e-3 * a.vertexCount()));
      assertThat(sb[2]).isCloseTo(sa[2], within(1e-3 * a.vertexCount()));

      // Without it the two depth profiles differ: the property above comes from the averaging.
      Mesh c = mesh(model, plain, photo), d = mesh(model, plain, mirroredPhoto);
      assertThat(Math.abs(sums(c)[2] / c.vertexCount() - sums(d)[2] / d.vertexCount())).isGreaterThan(1e-3);

      // A network trained without flips (the same weights, not marked as mirror-trained) is not averaged.
      Mesh e = mesh(neverMirrored, averaged, photo);
      assertThat(e.vertexCount()).isEqualTo(c.vertexCount());
      assertThat(sums(e)).containsExactly(sums(c));
    }
  }

  private static Mesh mesh(TrainedModel model, ReconstructOptions options, BufferedImage photo) {
    return new Reconstructor(model, options).reconstruct(List.of(ImagePreprocessor.toChw(photo)), new double[] {1.5}).get(0).mesh();
  }

  /** The sums of the vertices' x, y and z. */
  private static double[] sums(Mesh m) {
    double[] out = new double[3];
    for (int v = 0; v < m.vertexCount(); v++) {
      out[0] += m.x(v);
      out[1] += m.y(v);
      out[2] += m.z(v);
    }
    return out;
  }

  /** A dark L (a tall bar and a foot to its right, or to its left when mirrored) and a red block, on white. */
  private static BufferedImage lShape(int s, boolean mirrored) {
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, s, s);
    g.setColor(Color.DARK_GRAY);
    int[][] rects = {{s / 4, s / 5, s / 8, s / 2}, {s / 4, s * 5 / 8, s / 2, s / 8}};
    for (int[] r : rects) {
      g.fillRect(mirrored ? s - r[0] - r[2] : r[0], r[1], r[2], r[3]);
    }
    g.setColor(new Color(200, 40, 40));
    g.fillRect(mirrored ? s - s * 5 / 8 - s / 8 : s * 5 / 8, s / 4, s / 8, s / 8);
    g.dispose();
    return img;
  }
}
