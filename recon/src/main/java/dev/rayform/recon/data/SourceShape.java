package dev.rayform.recon.data;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;

/**
 * A loaded shape, normalised by the ONet convention: its mesh (with part colours for rendering),
 * its occupancy in the same object coordinates, and the attribution its licence asks for (or null).
 */
public record SourceShape(ShapeRef ref, Mesh mesh, Occupancy occupancy, String attribution) {}
