package dev.rayform.recon.eval;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.image.InputSilhouette;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.training.TrainingData;
import dev.rayform.recon.training.TrainingMix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The yardstick a single-view network must beat (Tatarchenko et al., "What do single-view 3D
 * reconstruction networks learn?"): for each test image, the training view whose silhouette matches
 * best (IoU of {@value #MASK} x {@value #MASK} masks), its ground-truth mesh placed in the test
 * camera's frame as it stood in the retrieved camera's frame. Silhouettes come from the network's
 * input images by {@link InputSilhouette}, the same on both sides.
 */
public final class RetrievalBaseline implements ViewPredictor {
  static final int MASK = 64;
  private static final int WORDS = MASK * MASK / 64;

  private record Entry(TrainingData data, DatasetManifest.Shape shape, int view) {}

  private final int imageSize;
  private final List<Entry> entries;
  private final long[] masks;

  private RetrievalBaseline(int imageSize, List<Entry> entries, long[] masks) {
    this.imageSize = imageSize;
    this.entries = entries;
    this.masks = masks;
  }

  /** Indexes the silhouette of every view of {@code pool} (a training split). */
  public static RetrievalBaseline index(TrainingMix pool, Progress progress) {
    List<Entry> entries = new ArrayList<>();
    for (TrainingData part : pool.parts()) {
      int views = part.manifest().viewsPerShape();
      for (DatasetManifest.Shape shape : part.shapes()) {
        for (int v = 0; v < views; v++) {
          entries.add(new Entry(part, shape, v));
        }
      }
    }
    int size = pool.parts().get(0).imageSize();
    long[] masks = new long[entries.size() * WORDS];
    progress.start("index", entries.size());
    AtomicLong done = new AtomicLong();
    IntStream.range(0, entries.size()).parallel().forEach(i -> {
      Entry e = entries.get(i);
      float[] chw = ImagePreprocessor.prepareFramed(ImageLoader.load(e.data().viewImage(e.shape(), e.view())), size).chw();
      System.arraycopy(mask(chw, size), 0, masks, i * WORDS, WORDS);
      if (done.incrementAndGet() % 256 == 0) {
        progress.step(256);
      }
    });
    progress.finish();
    return new RetrievalBaseline(size, entries, masks);
  }

  /** The silhouette of a network input at {@value #MASK} x {@value #MASK}, as bits. */
  static long[] mask(float[] chw, int size) {
    boolean[] at = InputSilhouette.atRays(InputSilhouette.of(chw, size), size, MASK);
    long[] bits = new long[WORDS];
    for (int i = 0; i < at.length; i++) {
      if (at[i]) {
        bits[i >> 6] |= 1L << (i & 63);
      }
    }
    return bits;
  }

  /** The index of the view whose silhouette has the highest IoU with {@code query}. */
  int best(long[] query) {
    int best = 0;
    double bestIou = -1;
    for (int e = 0; e < entries.size(); e++) {
      int inter = 0, union = 0;
      for (int w = 0; w < WORDS; w++) {
        long a = query[w], b = masks[e * WORDS + w];
        inter += Long.bitCount(a & b);
        union += Long.bitCount(a | b);
      }
      double iou = union == 0 ? 1 : inter / (double) union;
      if (iou > bestIou) {
        bestIou = iou;
        best = e;
      }
    }
    return best;
  }

  @Override
  public Mesh predict(TrainingData data, DatasetManifest.Shape shape, int view) {
    Entry e = entries.get(best(mask(data.image(shape, view), imageSize)));
    DatasetBuilder.ViewRecord found = e.data().camera(e.shape(), e.view());
    Mesh mesh = MeshReaders.read(e.data().shapeDir(e.shape()).resolve("mesh.ply"));
    Mesh inFoundCamera = mesh.translatedScaled(0, 0, 0, found.objectScale())
        .transformed(new Extrinsics(found.r(), found.t()).worldToCameraMatrix());
    return data.camera(shape, view).cameraToObject(inFoundCamera);
  }
}
