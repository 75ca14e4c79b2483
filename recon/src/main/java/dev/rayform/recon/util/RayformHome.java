package dev.rayform.recon.util;

import java.nio.file.Path;

/**
 * Where Rayform keeps its caches and fetched data: the system property {@code rayform.home} (the
 * launcher sets it from the variable), else {@code $RAYFORM_HOME}, else {@code ~/.cache/rayform}.
 */
public final class RayformHome {
  private RayformHome() {}

  public static Path path() {
    String property = System.getProperty("rayform.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String home = System.getenv("RAYFORM_HOME");
    return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cache", "rayform");
  }
}
