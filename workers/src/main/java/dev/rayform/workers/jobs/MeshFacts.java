package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Watertight;

/** The facts of a result mesh shops ask for: size, watertightness, bounding box. */
final class MeshFacts {
  private MeshFacts() {}

  static ObjectNode of(Mesh mesh) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("vertices", mesh.vertexCount());
    o.put("faces", mesh.faceCount());
    o.put("watertight", Watertight.check(mesh));
    o.put("area", mesh.area());
    Aabb b = mesh.bounds();
    ObjectNode box = o.putObject("bounding_box");
    box.putArray("min").add(b.minX()).add(b.minY()).add(b.minZ());
    box.putArray("max").add(b.maxX()).add(b.maxY()).add(b.maxZ());
    return o;
  }
}
