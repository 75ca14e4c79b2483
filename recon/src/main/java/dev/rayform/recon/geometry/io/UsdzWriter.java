package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes USDZ, the package AR Quick Look opens: a zip whose first entry is the USD layer
 * ({@link UsdaWriter}), then the texture when the mesh has one, every entry stored uncompressed with its data 64-byte aligned (the spec lets
 * readers map the layer straight from the file), no data descriptors, no zip64.
 */
public final class UsdzWriter {
  /** The name of the layer inside the package. */
  public static final String LAYER = "model.usda";
  static final int ALIGNMENT = 64;
  // A fixed timestamp keeps the bytes of a package a function of the mesh alone.
  private static final long FIXED_TIME = 1_577_836_800_000L; // 2020-01-01T00:00:00Z

  private UsdzWriter() {}

  public static void write(Mesh mesh, OutputStream out) throws IOException {
    // Sizes and CRCs are known up front, so a plain (non-seekable) stream gets no data descriptor.
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.setUseZip64(Zip64Mode.Never);
      put(zip, LAYER, UsdaWriter.write(mesh));
      if (mesh.hasTexture() && !mesh.isEmpty()) {
        put(zip, UsdaWriter.TEXTURE, mesh.texture().jpeg());
      }
      zip.finish();
    }
  }

  private static void put(ZipArchiveOutputStream zip, String name, byte[] data) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(data);
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setMethod(ZipArchiveEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    entry.setCrc(crc.getValue());
    entry.setAlignment(ALIGNMENT);
    entry.setTime(FIXED_TIME);
    zip.putArchiveEntry(entry);
    zip.write(data);
    zip.closeArchiveEntry();
  }
}
