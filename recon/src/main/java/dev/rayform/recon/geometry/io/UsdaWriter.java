package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a mesh as a USD text layer (usda 1.0): an Xform {@code /Product} (the default prim, kind
 * component) holding a Mesh with points, faceVertexCounts, faceVertexIndices, vertex normals and
 * extent, and one UsdPreviewSurface material per non-empty part (bound on the mesh when there is one
 * part, through GeomSubsets of family materialBind otherwise). Units are metres ({@code
 * metersPerUnit = 1}), y up: the frame AR Quick Look places on the floor. A textured mesh has one
 * material whose diffuse colour is a UsdUVTexture of {@link #TEXTURE} (the package's second entry)
 * read at the {@code st} primvar (USD's t runs up: t = 1 - v).
 */
final class UsdaWriter {
  static final String ROOT = "Product";
  /** The texture's name inside the package, relative to the layer. */
  static final String TEXTURE = "texture.jpg";
  private static final float[] DEFAULT_COLOR = {0.8f, 0.8f, 0.8f};

  private UsdaWriter() {}

  static byte[] write(Mesh mesh) {
    Mesh m = mesh.hasNormals() || mesh.isEmpty() ? mesh : mesh.withVertexNormals();
    boolean textured = m.hasTexture() && !m.isEmpty();
    if (textured) {
      m = m.withSinglePart("Photo", null);
    }
    int[][] faces = PartFaces.of(m);
    List<Integer> used = new ArrayList<>();
    for (int p = 0; p < faces.length; p++) {
      if (faces[p].length > 0) {
        used.add(p);
      }
    }
    String[] materials = materialNames(m.parts());
    StringBuilder s = new StringBuilder(64 + 80 * m.vertexCount() + 24 * m.faceCount());
    s.append("#usda 1.0\n(\n    defaultPrim = \"").append(ROOT).append("\"\n")
        .append("    doc = \"Written by Rayform\"\n    metersPerUnit = 1\n    upAxis = \"Y\"\n)\n\n");
    s.append("def Xform \"").append(ROOT).append("\" (\n    kind = \"component\"\n)\n{\n");
    s.append("    def Mesh \"Mesh\"");
    if (used.size() == 1) {
      s.append(" (\n        prepend apiSchemas = [\"MaterialBindingAPI\"]\n    )");
    }
    s.append("\n    {\n");
    if (!m.isEmpty()) {
      Aabb b = m.bounds();
      s.append("        float3[] extent = [(").append(num(b.minX())).append(", ").append(num(b.minY())).append(", ")
          .append(num(b.minZ())).append("), (").append(num(b.maxX())).append(", ").append(num(b.maxY())).append(", ")
          .append(num(b.maxZ())).append(")]\n");
    }
    s.append("        int[] faceVertexCounts = [");
    for (int f = 0; f < m.faceCount(); f++) {
      s.append(f == 0 ? "3" : ", 3");
    }
    s.append("]\n        int[] faceVertexIndices = [");
    int[] t = m.triangles();
    for (int i = 0; i < t.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(t[i]);
    }
    s.append("]\n");
    if (used.size() == 1) {
      s.append("        rel material:binding = </").append(ROOT).append("/Materials/").append(materials[used.get(0)]).append(">\n");
    }
    vectors(s, "normal3f[] normals", m.hasNormals() ? m.normals() : new float[0]);
    s.append(" (\n            interpolation = \"vertex\"\n        )\n");
    vectors(s, "point3f[] points", m.positions());
    s.append("\n");
    if (textured) {
      float[] uv = m.uvs();
      s.append("        texCoord2f[] primvars:st = [");
      for (int i = 0; i < uv.length; i += 2) {
        if (i > 0) {
          s.append(", ");
        }
        s.append('(').append(num(uv[i])).append(", ").append(num(1 - uv[i + 1])).append(')');
      }
      s.append("] (\n            interpolation = \"vertex\"\n        )\n");
    }
    float[] display = used.isEmpty() ? DEFAULT_COLOR : colorOf(m.parts().get(used.get(0)));
    s.append("        color3f[] primvars:displayColor = [(").append(num(display[0])).append(", ").append(num(display[1]))
        .append(", ").append(num(display[2])).append(")] (\n            interpolation = \"constant\"\n        )\n");
    s.append("        uniform token orientation = \"rightHanded\"\n");
    s.append("        uniform token subdivisionScheme = \"none\"\n");
    if (used.size() > 1) {
      s.append("        uniform token subsetFamily:materialBind:familyType = \"partition\"\n");
      for (int p : used) {
        geomSubset(s, materials[p], faceIndicesOfPart(m, p));
      }
    }
    s.append("    }\n");
    if (!used.isEmpty()) {
      s.append("\n    def Scope \"Materials\"\n    {\n");
      for (int p : used) {
        if (textured) {
          texturedMaterial(s, materials[p]);
        } else {
          material(s, materials[p], colorOf(m.parts().get(p)));
        }
      }
      s.append("    }\n");
    }
    s.append("}\n");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void vectors(StringBuilder s, String declaration, float[] xyz) {
    s.append("        ").append(declaration).append(" = [");
    for (int i = 0; i < xyz.length; i += 3) {
      if (i > 0) {
        s.append(", ");
      }
      s.append('(').append(num(xyz[i])).append(", ").append(num(xyz[i + 1])).append(", ").append(num(xyz[i + 2])).append(')');
    }
    s.append(']');
  }

  private static void geomSubset(StringBuilder s, String material, int[] faceIndices) {
    s.append("\n        def GeomSubset \"").append(material).append("\" (\n")
        .append("            prepend apiSchemas = [\"MaterialBindingAPI\"]\n        )\n        {\n")
        .append("            uniform token elementType = \"face\"\n")
        .append("            uniform token familyName = \"materialBind\"\n")
        .append("            int[] indices = [");
    for (int i = 0; i < faceIndices.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(faceIndices[i]);
    }
    s.append("]\n            rel material:binding = </").append(ROOT).append("/Materials/").append(material).append(">\n        }\n");
  }

  private static void material(StringBuilder s, String name, float[] c) {
    String path = "/" + ROOT + "/Materials/" + name;
    s.append("        def Material \"").append(name).append("\"\n        {\n")
        .append("            token outputs:surface.connect = <").append(path).append("/PreviewSurface.outputs:surface>\n\n")
        .append("            def Shader \"PreviewSurface\"\n            {\n")
        .append("                uniform token info:id = \"UsdPreviewSurface\"\n")
        .append("                color3f inputs:diffuseColor = (").append(num(c[0])).append(", ").append(num(c[1]))
        .append(", ").append(num(c[2])).append(")\n")
        .append("                float inputs:metallic = 0\n")
        .append("                float inputs:roughness = 0.8\n")
        .append("                token outputs:surface\n            }\n        }\n");
  }

  private static void texturedMaterial(StringBuilder s, String name) {
    String path = "/" + ROOT + "/Materials/" + name;
    s.append("        def Material \"").append(name).append("\"\n        {\n")
        .append("            token outputs:surface.connect = <").append(path).append("/PreviewSurface.outputs:surface>\n\n")
        .append("            def Shader \"PreviewSurface\"\n            {\n")
        .append("                uniform token info:id = \"UsdPreviewSurface\"\n")
        .append("                color3f inputs:diffuseColor.connect = <").append(path).append("/Texture.outputs:rgb>\n")
        .append("                float inputs:metallic = 0\n")
        .append("                float inputs:roughness = 0.8\n")
        .append("                token outputs:surface\n            }\n\n")
        .append("            def Shader \"StReader\"\n            {\n")
        .append("                uniform token info:id = \"UsdPrimvarReader_float2\"\n")
        .append("                string inputs:varname = \"st\"\n")
        .append("                float2 outputs:result\n            }\n\n")
        .append("            def Shader \"Texture\"\n            {\n")
        .append("                uniform token info:id = \"UsdUVTexture\"\n")
        .append("                asset inputs:file = @").append(TEXTURE).append("@\n")
        .append("                float2 inputs:st.connect = <").append(path).append("/StReader.outputs:result>\n")
        .append("                token inputs:sourceColorSpace = \"sRGB\"\n")
        .append("                token inputs:wrapS = \"clamp\"\n")
        .append("                token inputs:wrapT = \"clamp\"\n")
        .append("                float3 outputs:rgb\n            }\n        }\n");
  }

  private static int[] faceIndicesOfPart(Mesh m, int part) {
    int n = 0;
    for (int f = 0; f < m.faceCount(); f++) {
      n += m.partOf(f) == part ? 1 : 0;
    }
    int[] out = new int[n];
    int k = 0;
    for (int f = 0; f < m.faceCount(); f++) {
      if (m.partOf(f) == part) {
        out[k++] = f;
      }
    }
    return out;
  }

  private static float[] colorOf(Mesh.Part part) {
    return part.color() == null ? DEFAULT_COLOR : part.color();
  }

  /** USD prim names are identifiers ([A-Za-z_][A-Za-z0-9_]*); part names become unique ones. */
  static String[] materialNames(List<Mesh.Part> parts) {
    String[] out = new String[parts.size()];
    Set<String> taken = new HashSet<>();
    for (int p = 0; p < parts.size(); p++) {
      String base = parts.get(p).name().replaceAll("[^A-Za-z0-9_]", "_");
      if (base.isEmpty() || !Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
        base = "part_" + base;
      }
      String name = base;
      for (int k = 2; !taken.add(name); k++) {
        name = base + "_" + k;
      }
      out[p] = name;
    }
    return out;
  }

  /** Shortest text that reads back as the same float, without Java's upper-case exponent. */
  private static String num(double v) {
    float f = (float) v;
    if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
      return Integer.toString((int) f);
    }
    return Float.toString(f).toLowerCase(Locale.ROOT);
  }
}
