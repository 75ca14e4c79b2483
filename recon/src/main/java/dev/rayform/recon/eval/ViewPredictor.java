package dev.rayform.recon.eval;

import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.training.TrainingData;

/**
 * Whatever turns one view of a dataset shape into a mesh in the shape's normalised frame: the
 * network, or the references it is judged against ({@link RayCeiling}, {@link RetrievalBaseline}).
 */
@FunctionalInterface
public interface ViewPredictor {
  Mesh predict(TrainingData data, DatasetManifest.Shape shape, int view);
}
