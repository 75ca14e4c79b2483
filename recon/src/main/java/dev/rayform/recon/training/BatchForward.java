package dev.rayform.recon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rayform.recon.model.CameraCondition;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.Onet;
import dev.rayform.recon.model.RayOnet;
import dev.rayform.recon.model.TrainedModel;

/**
 * Training's forward pass of a batch, written once for the optimiser's steps ({@link Trainer}) and
 * for the batch-norm statistics ({@link BatchNormRecalibration}): the images encoded, then the
 * batch's rays decoded under each item's camera (Ray-ONet, {@code [B, K, M]} logits) or its points
 * (ONet, {@code [B, K]}).
 *
 * @param encoded the encoder's outputs (z first; Ray-ONet's local levels after it)
 * @param logits the decoder's logits
 */
record BatchForward(NDList encoded, NDArray logits) {
  /** The global code z of each image. */
  NDArray code() {
    return encoded.get(0);
  }

  static BatchForward of(TrainedModel model, NDManager m, TrainingData.Batch batch, boolean training) {
    ModelConfig c = model.config();
    int s = c.imageSize(), b = batch.size(), k = batch.perItem();
    NDArray images = m.create(batch.images(), new Shape(b, 3, s, s));
    if (c.isRayOnet()) {
      RayOnet net = (RayOnet) model.network();
      NDList encoded = net.encode(model.store(), images, training);
      NDArray logits = net.decodeRays(model.store(), encoded, batch.positions(), k,
          CameraCondition.of(m, c, batch.scales(), batch.elevations()), training);
      return new BatchForward(encoded, logits);
    }
    Onet net = (Onet) model.network();
    NDList encoded = net.encode(model.store(), images, training);
    NDArray logits = net.decodePoints(model.store(), encoded.get(0), m.create(batch.points(), new Shape(b, k, 3)), training);
    return new BatchForward(encoded, logits);
  }
}
