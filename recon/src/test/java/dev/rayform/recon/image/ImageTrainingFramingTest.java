package dev.rayform.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.data.ViewSpec;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Re-measures the object fraction of training renders behind {@link ImagePreprocessor#TRAINING_OBJECT_FRACTION}. */
class ImageTrainingFramingTest {
  private static final int SIZE = 224;
  private static final int VIEWS_PER_SHAPE = 3;

  @Test
  void constantMatchesTheMedianFractionOfTrainingRenders() {
    Renderer renderer = new Renderer();
    ViewSampler views = ViewSampler.defaults(SIZE);
    List<Double> fractions = new ArrayList<>();
    for (String category : ProceduralGenerator.categories()) {
      Mesh mesh = ProceduralGenerator.generate(category, 7).mesh(40);
      SplittableRandom random = new SplittableRandom(category.hashCode());
      for (int v = 0; v < VIEWS_PER_SHAPE; v++) {
        ViewSpec view = views.draw(random);
        Rendering image = renderer.render(mesh.translatedScaled(0, 0, 0, view.objectScale()), view.camera());
        int[] rgb = Pixels.opaque(Pixels.argb(image.toImage(false)));
        Crop crop = ImagePreprocessor.frame(rgb, SIZE, SIZE, 1.0);
        fractions.add(Math.max(crop.width(), crop.height()) / (double) SIZE);
      }
    }
    double[] sorted = fractions.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted[sorted.length / 2];
    System.out.printf("training framing: median %.4f, range [%.3f, %.3f] over %d renders%n", median, sorted[0],
        sorted[sorted.length - 1], sorted.length);
    assertThat(ImagePreprocessor.TRAINING_OBJECT_FRACTION).isCloseTo(median, within(0.03));
  }
}
