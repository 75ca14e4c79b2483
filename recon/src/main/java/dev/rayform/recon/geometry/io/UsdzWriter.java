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
 * ({@link UsdaWriter}), every entry stored uncompressed with its data 64-byte aligned (the spec lets
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
    byte[] layer = UsdaWriter.write(mesh);
    CRC32 crc = new CRC32();
    crc.update(layer);
    ZipArchiveEntry entry = new ZipArchiveEntry(LAYER);
    entry.setMethod(ZipArchiveEntry.STORED);
    entry.setSize(layer.length);
    entry.setCompressedSize(layer.length);
    entry.setCrc(crc.getValue());
    entry.setAlignment(ALIGNMENT);
    entry.setTime(FIXED_TIME);
    // Sizes and CRC are known up front, so a plain (non-seekable) stream gets no data descriptor.
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.setUseZip64(Zip64Mode.Never);
      zip.putArchiveEntry(entry);
      zip.write(layer);
      zip.closeArchiveEntry();
      zip.finish();
    }
  }
}
