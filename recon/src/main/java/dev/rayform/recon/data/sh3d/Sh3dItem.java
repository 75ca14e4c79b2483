package dev.rayform.recon.data.sh3d;

import java.nio.file.Path;

/**
 * One piece of furniture of a Sweet Home 3D catalogue.
 *
 * @param id catalogue id (e.g. {@code Scopia#bed1}), or catalogue file and index when absent
 * @param name English name
 * @param category English catalogue category (e.g. {@code Living room})
 * @param creator author of the model
 * @param licence licence of the model as far as the catalogue states it
 * @param widthCm size along x, in centimetres
 * @param depthCm size along z, in centimetres
 * @param heightCm size along y (up), in centimetres
 * @param modelRotation row-major 3x3 rotation applied to the model, or null for none
 * @param model path of the model inside the catalogue file (leading slash as in the catalogue)
 * @param icon path of the icon PNG inside the catalogue file, or null
 * @param catalogFile the {@code .sh3f} or {@code .jar} holding the model
 * @param sourcePackage the Debian package the catalogue came from
 * @param shapeNetCategory one of the 13 ShapeNet classes, or null when none fits
 */
public record Sh3dItem(
    String id,
    String name,
    String category,
    String creator,
    String licence,
    double widthCm,
    double depthCm,
    double heightCm,
    float[] modelRotation,
    String model,
    String icon,
    Path catalogFile,
    String sourcePackage,
    String shapeNetCategory) {

  @Override
  public String toString() {
    return "Sh3dItem[" + id + " '" + name + "' (" + category + ") -> " + shapeNetCategory + "]";
  }
}
