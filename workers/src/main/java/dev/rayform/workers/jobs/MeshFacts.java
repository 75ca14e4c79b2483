package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import java.util.HashMap;
import java.util.Map;

/** The facts of a result mesh shops ask for: size, watertightness, bounding box. */
final class MeshFacts {
  private MeshFacts() {}

  static ObjectNode of(Mesh mesh) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("vertices", mesh.vertexCount());
    o.put("faces", mesh.faceCount());
    o.put("watertight", isWatertight(mesh));
    o.put("area", mesh.area());
    Aabb b = mesh.bounds();
    ObjectNode box = o.putObject("bounding_box");
    box.putArray("min").add(b.minX()).add(b.minY()).add(b.minZ());
    box.putArray("max").add(b.maxX()).add(b.maxY()).add(b.maxZ());
    return o;
  }

  /** Every edge shared by exactly two faces in opposite directions. */
  static boolean isWatertight(Mesh mesh) {
    if (mesh.isEmpty()) {
      return false;
    }
    Map<Long, Integer> directed = new HashMap<>();
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        long a = t[3 * f + k], b = t[3 * f + (k + 1) % 3];
        if (directed.merge(a << 32 | b, 1, Integer::sum) > 1) {
          return false;
        }
      }
    }
    for (long key : directed.keySet()) {
      long reverse = (key & 0xffffffffL) << 32 | key >>> 32;
      if (!directed.containsKey(reverse)) {
        return false;
      }
    }
    return true;
  }
}
