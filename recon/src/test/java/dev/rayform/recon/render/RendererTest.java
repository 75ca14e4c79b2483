package dev.rayform.recon.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.Texture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  private final Camera front = new Camera(Intrinsics.centered(100, 100, 1.0), Extrinsics.orbit(0, 0, 2));
  /** A 0.6 x 0.6 square in the plane z = 0 facing +z: 30 px wide from the front camera, x 35-65. */
  private static final Mesh QUAD = Mesh.of(new float[] {-0.3f, -0.3f, 0, 0.3f, -0.3f, 0, 0.3f, 0.3f, 0, -0.3f, 0.3f, 0},
      new int[] {0, 1, 2, 0, 2, 3});

  @Test
  void frontViewOfACubeCoversItsProjectedSquare() {
    Rendering r = new Renderer().render(MeshPrimitives.box(0.5, 0.5, 0.5), front);
    // The near face (z = 0.25) at depth 1.75 projects to a square of side 100 * 0.5 / 1.75 px.
    double side = 100 * 0.5 / 1.75;
    double covered = 0;
    for (float a : r.alpha()) {
      covered += a;
    }
    assertThat(covered).isCloseTo(side * side, within(0.01 * side * side));
    assertThat(r.alpha()[50 * 100 + 50]).isEqualTo(1f);
    assertThat(r.alpha()[0]).isZero();
    assertThat(r.rgb()[0] & 0xffffff).isEqualTo(0xffffff);
    assertThat(r.depth()[50 * 100 + 50]).isCloseTo(1.75f, within(1e-5f));
    assertThat(r.depth()[0]).isNaN();
    assertThat(r.touchesBorder()).isFalse();
  }

  @Test
  void edgesAreAntiAliased() {
    Rendering r = new Renderer().render(MeshPrimitives.box(0.5, 0.5, 0.5), front);
    long partial = 0;
    for (float a : r.alpha()) {
      if (a > 0 && a < 1) {
        partial++;
      }
    }
    assertThat(partial).isGreaterThan(50);
    Rendering hard = new Renderer(RenderOptions.DEFAULT.withSupersampling(1)).render(MeshPrimitives.box(0.5, 0.5, 0.5), front);
    for (float a : hard.alpha()) {
      assertThat(a == 0f || a == 1f).isTrue();
    }
  }

  @Test
  void partsKeepTheirColoursAndNearerSurfacesWin() {
    Mesh red = MeshPrimitives.box(0.2, 0.2, 0.2).translatedScaled(0, 0, -0.5, 1).withSinglePart("red", new float[] {1, 0, 0});
    Mesh blue = MeshPrimitives.box(1.0, 1.0, 0.1).withSinglePart("blue", new float[] {0, 0, 1});
    Rendering r = new Renderer().render(Mesh.concat(List.of(red, blue)), front);
    int centre = r.rgb()[50 * 100 + 50];
    // The red box sits at z = +0.5, in front of the blue slab: centre pixel is red.
    assertThat(centre >> 16 & 0xff).isGreaterThan(100);
    assertThat(centre & 0xff).isZero();
    int side = r.rgb()[50 * 100 + 30];
    assertThat(side & 0xff).isGreaterThan(100);
    assertThat(side >> 16 & 0xff).isZero();
  }

  @Test
  void materialMapsAreReadAtTheirFaceCornerCoordinatesRepeatedAndFlipped() {
    // A quad facing the camera, 30 px wide, its u running 1 -> 2 (one repeat of the map) and its
    // v 0 -> 1 bottom to top (OBJ's convention). The 4 x 4 map's upper half is red | blue, its lower
    // half green, so the quad's upper left quarter is red, its upper right blue, its lower half green.
    int r = 0xff0000, b = 0x0000ff, g = 0x00ff00;
    Texture map = Texture.of(4, 4, new int[] {r, r, b, b, r, r, b, b, g, g, g, g, g, g, g, g});
    float[] corners = {1, 0, 2, 0, 2, 1, 1, 0, 2, 1, 1, 1};
    Mesh textured = Mesh.of(QUAD.positions(), QUAD.triangles(), null, null, List.of(new Mesh.Part("wood", null, map)))
        .withCornerUvs(corners);
    Rendering t = new Renderer().render(textured, front);
    Rendering red = new Renderer().render(QUAD.withSinglePart("red", new float[] {1, 0, 0}), front);
    Rendering blue = new Renderer().render(QUAD.withSinglePart("blue", new float[] {0, 0, 1}), front);
    Rendering green = new Renderer().render(QUAD.withSinglePart("green", new float[] {0, 1, 0}), front);
    // Pixel centres 42.5 and 57.5 fall a quarter and three quarters across the quad, between two
    // texels of one colour, so the map's colour is exact there: the same as a part of that colour.
    assertThat(t.rgb()[42 * 100 + 42]).isEqualTo(red.rgb()[42 * 100 + 42]);
    assertThat(t.rgb()[42 * 100 + 57]).isEqualTo(blue.rgb()[42 * 100 + 57]);
    assertThat(t.rgb()[57 * 100 + 42]).isEqualTo(green.rgb()[57 * 100 + 42]);
    assertThat(t.rgb()[57 * 100 + 57]).isEqualTo(green.rgb()[57 * 100 + 57]);
    // The part's colour multiplies the map (MTL's Kd times map_Kd): no red in a cyan part.
    Mesh cyan = Mesh.of(QUAD.positions(), QUAD.triangles(), null, null, List.of(new Mesh.Part("c", new float[] {0, 1, 1}, map)))
        .withCornerUvs(corners);
    assertThat(new Renderer().render(cyan, front).rgb()[42 * 100 + 42] & 0xffffff).isZero();
    // Without face-corner coordinates the map cannot be placed: the part's colour alone is drawn.
    Mesh unplaced = Mesh.of(QUAD.positions(), QUAD.triangles(), null, null, List.of(new Mesh.Part("c", new float[] {0, 0, 1}, map)));
    assertThat(new Renderer().render(unplaced, front).rgb()[42 * 100 + 42]).isEqualTo(blue.rgb()[42 * 100 + 42]);
  }

  @Test
  void renderingTheBackOfAnOpenSurfaceStillShades(@TempDir Path dir) throws Exception {
    // A single quad facing away from the camera: two-sided shading must still draw it.
    Mesh quad = Mesh.of(new float[] {-0.3f, -0.3f, 0, 0.3f, -0.3f, 0, 0.3f, 0.3f, 0, -0.3f, 0.3f, 0}, new int[] {0, 2, 1, 0, 3, 2});
    Rendering r = new Renderer().render(quad, front);
    assertThat(r.alpha()[50 * 100 + 50]).isEqualTo(1f);
    assertThat(r.rgb()[50 * 100 + 50] & 0xffffff).isNotEqualTo(0xffffff);
    Path png = dir.resolve("quad.png");
    r.writePng(png, true);
    BufferedImage back = ImageIO.read(png.toFile());
    assertThat(back.getWidth()).isEqualTo(100);
    assertThat(back.getRGB(50, 50) & 0xffffff).isEqualTo(r.rgb()[50 * 100 + 50]);
    assertThat(back.getRGB(0, 0) >>> 24).isZero();
    assertThat(back.getRGB(50, 50) >>> 24).isEqualTo(255);
  }
}
