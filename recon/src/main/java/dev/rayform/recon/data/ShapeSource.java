package dev.rayform.recon.data;

import java.util.List;

/** Where the shapes of a dataset come from: procedural, the Sweet Home 3D catalogues, a folder or archive. */
public interface ShapeSource {
  /**
   * The category of shapes that belong to none of the classes (real objects a catalogue files
   * elsewhere): training material for what real objects look like, never evaluated per class and
   * never a class of category guidance.
   */
  String UNCLASSED = "other";

  /** A short name written to the manifest ({@code procedural}, {@code sh3d}, {@code dir}, ...). */
  String name();

  /** Categories this source can provide, in a stable order. */
  List<String> categories();

  /**
   * Up to {@code limit} shapes of {@code category} in a stable order; which ones may depend on
   * {@code seed} (procedural shapes) or not (files). Throws when the category is unknown.
   */
  List<ShapeRef> shapes(String category, int limit, long seed);

  /** Loads one shape; may be called from several threads at once. */
  SourceShape load(ShapeRef ref);
}
