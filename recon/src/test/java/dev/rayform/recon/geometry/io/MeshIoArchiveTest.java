package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.geometry.Mesh;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 15, unit = TimeUnit.SECONDS)
class MeshIoArchiveTest {
  @TempDir Path dir;

  static final String OBJ = "mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl red\nf 1 2 3\n";
  static final String MTL = "newmtl red\nKd 1 0 0\n";

  static void assertCode(Runnable r, String code) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(MeshFormatException.class,
        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  Path zip(String name, String... namesAndContents) throws IOException {
    Path p = dir.resolve(name);
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        z.putArchiveEntry(new ZipArchiveEntry(namesAndContents[i]));
        z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
      }
    }
    return p;
  }

  Path tar(String name, boolean gzip, TarArchiveEntry... entries) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream f = Files.newOutputStream(p);
        OutputStream c = gzip ? new GzipCompressorOutputStream(f) : f;
        TarArchiveOutputStream t = new TarArchiveOutputStream(c)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry e : entries) {
        t.putArchiveEntry(e);
        if (e.isFile()) {
          t.write(new byte[(int) e.getSize()]);
        }
        t.closeArchiveEntry();
      }
    }
    return p;
  }

  @Test
  void zipAndSh3fListAndReadMeshesWithTheirMtl() throws IOException {
    for (String name : new String[] {"a.zip", "a.sh3f"}) {
      Path p = zip(name, "models/", "", "models/tri.obj", OBJ, "models/m.mtl", MTL, "readme.txt", "hi");
      try (MeshArchive a = MeshArchive.open(p)) {
        assertThat(a.entries()).extracting(ArchiveEntry::name).containsExactly("models", "models/tri.obj", "models/m.mtl", "readme.txt");
        assertThat(a.meshEntries()).containsExactly("models/tri.obj");
        Mesh m = a.readMesh("/models/tri.obj");
        assertThat(m.faceCount()).isEqualTo(1);
        assertThat(m.parts().get(0).color()).containsExactly(1f, 0f, 0f);
        assertCode(() -> a.read("nope.obj"), MeshFormatException.ARCHIVE_ENTRY_NOT_FOUND);
      }
    }
  }

  @Test
  void tarAndTarGzReadMeshes() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      Path p = dir.resolve(gz ? "a.tar.gz" : "a.tar");
      try (OutputStream f = Files.newOutputStream(p);
          OutputStream c = gz ? new GzipCompressorOutputStream(f) : f;
          TarArchiveOutputStream t = new TarArchiveOutputStream(c)) {
        for (String[] e : new String[][] {{"x/tri.obj", OBJ}, {"x/m.mtl", MTL}}) {
          byte[] b = e[1].getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry te = new TarArchiveEntry(e[0]);
          te.setSize(b.length);
          t.putArchiveEntry(te);
          t.write(b);
          t.closeArchiveEntry();
        }
      }
      try (MeshArchive a = MeshArchive.open(p)) {
        assertThat(a.meshEntries()).containsExactly("x/tri.obj");
        assertThat(a.readMesh("x/tri.obj").parts().get(0).color()).containsExactly(1f, 0f, 0f);
      }
    }
  }

  @Test
  void zipSlipIsRejected() throws IOException {
    for (String evil : new String[] {"../evil.obj", "a/../../evil.obj", "/etc/evil.obj", "..\\evil.obj", "C:/evil.obj"}) {
      Path p = zip("slip.zip", "ok.obj", OBJ, evil, OBJ);
      assertCode(() -> MeshArchive.open(p).close(), MeshFormatException.ARCHIVE_PATH_TRAVERSAL);
    }
    TarArchiveEntry e = new TarArchiveEntry("../evil.obj", true);
    e.setSize(3);
    Path t = tar("slip.tar", false, e);
    assertCode(() -> MeshArchive.open(t).close(), MeshFormatException.ARCHIVE_PATH_TRAVERSAL);
  }

  @Test
  void symlinksInTarAndZipAreRejected() throws IOException {
    TarArchiveEntry link = new TarArchiveEntry("model.obj", TarArchiveEntry.LF_SYMLINK);
    link.setLinkName("/etc/passwd");
    Path linkTar = tar("link.tar", false, link);
    assertCode(() -> MeshArchive.open(linkTar).close(), MeshFormatException.ARCHIVE_SYMLINK);
    TarArchiveEntry hard = new TarArchiveEntry("model.obj", TarArchiveEntry.LF_LINK);
    hard.setLinkName("other.obj");
    Path hardTar = tar("hard.tar.gz", true, hard);
    assertCode(() -> MeshArchive.open(hardTar).close(), MeshFormatException.ARCHIVE_SYMLINK);

    Path p = dir.resolve("link.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
      ZipArchiveEntry e = new ZipArchiveEntry("model.obj");
      e.setUnixMode(0120777);
      z.putArchiveEntry(e);
      z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
      z.closeArchiveEntry();
    }
    assertCode(() -> MeshArchive.open(p).close(), MeshFormatException.ARCHIVE_SYMLINK);
  }

  /**
   * A zip holding one entry of 1 GiB of zeros, built in about a second: a sync-flushed deflate
   * block of 1 MiB of zeros repeated 1024 times (each copy only refers back to zeros), closed by
   * an empty final block.
   */
  Path zipBomb() throws IOException {
    int block = 1 << 20;
    int copies = 1024;
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(new byte[block]);
    byte[] buf = new byte[block];
    int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
    d.end();
    byte[] segment = java.util.Arrays.copyOf(buf, n);
    byte[] finalBlock = {0x03, 0x00};
    CRC32 crc = new CRC32();
    byte[] zeros = new byte[block];
    for (int i = 0; i < copies; i++) {
      crc.update(zeros);
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream(segment.length * copies + 2);
    for (int i = 0; i < copies; i++) {
      raw.write(segment, 0, segment.length);
    }
    raw.write(finalBlock, 0, 2);
    Path p = dir.resolve("bomb.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
      ZipArchiveEntry e = new ZipArchiveEntry("zeros.obj");
      e.setMethod(ZipMethod.DEFLATED.getCode());
      e.setSize((long) block * copies);
      e.setCompressedSize(raw.size());
      e.setCrc(crc.getValue());
      z.addRawArchiveEntry(e, new java.io.ByteArrayInputStream(raw.toByteArray()));
    }
    return p;
  }

  @Test
  void zipBombStopsAtTheRatioGuard() throws IOException {
    Path bomb = zipBomb();
    try (MeshArchive a = MeshArchive.open(bomb)) {
      assertThat(a.entries().get(0).size()).isEqualTo(1L << 30);
      assertCode(() -> a.read("zeros.obj"), MeshFormatException.ARCHIVE_COMPRESSION_RATIO);
    }
  }

  @Test
  void zipBombStopsAtTheSizeBoundWhenTheRatioGuardIsOff() throws IOException {
    Path bomb = zipBomb();
    ArchiveLimits limits = ArchiveLimits.DEFAULTS.withMaxCompressionRatio(0).withMaxEntryBytes(64L << 20);
    try (MeshArchive a = MeshArchive.open(bomb, limits)) {
      assertCode(() -> a.read("zeros.obj"), MeshFormatException.ARCHIVE_TOO_LARGE);
    }
    ArchiveLimits total = ArchiveLimits.DEFAULTS.withMaxCompressionRatio(0).withMaxTotalBytes(32L << 20);
    try (MeshArchive a = MeshArchive.open(bomb, total)) {
      assertCode(() -> a.read("zeros.obj"), MeshFormatException.ARCHIVE_TOO_LARGE);
    }
  }

  /** A tar.gz whose single entry is 1 GiB of zeros, gzip-compressed as it streams. */
  @Test
  void tarGzBombFailsWhileListing() throws IOException {
    Path p = dir.resolve("bomb.tar.gz");
    long size = 1L << 30;
    try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(p));
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(f);
        TarArchiveOutputStream t = new TarArchiveOutputStream(gz)) {
      t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry e = new TarArchiveEntry("zeros.obj");
      e.setSize(size);
      t.putArchiveEntry(e);
      // Only the first 16 MiB is written; the bound must trip long before the stream ends.
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 16; i++) {
        t.write(zeros);
      }
      gz.flush();
    } catch (IOException expected) {
      // closing complains that the entry is short; the file holds what the test needs
    }
    assertCode(() -> MeshArchive.open(p).close(), MeshFormatException.ARCHIVE_COMPRESSION_RATIO);
    ArchiveLimits noRatio = ArchiveLimits.DEFAULTS.withMaxCompressionRatio(0).withMaxTotalBytes(8L << 20);
    assertCode(() -> MeshArchive.open(p, noRatio).close(), MeshFormatException.ARCHIVE_TOO_LARGE);
  }

  /** A real zip of a million empty STORED entries (zip64 end records), written directly. */
  @Test
  void millionEntryZipFailsFast() throws IOException {
    int count = 1_000_000;
    Path p = dir.resolve("many.zip");
    ByteBuffer cd = ByteBuffer.allocate(count * (46 + 7)).order(ByteOrder.LITTLE_ENDIAN);
    long offset = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
      ByteBuffer local = ByteBuffer.allocate(30 + 7).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        byte[] name = String.format("%07d", i).getBytes(StandardCharsets.US_ASCII);
        local.clear();
        local.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0)
            .putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) 7).putShort((short) 0).put(name);
        out.write(local.array(), 0, local.position());
        cd.putInt(0x02014b50).putShort((short) 10).putShort((short) 10).putShort((short) 0).putShort((short) 0)
            .putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) 7).putShort((short) 0).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset).put(name);
        offset += local.position();
      }
      out.write(cd.array(), 0, cd.position());
      long cdOffset = offset;
      long zip64 = cdOffset + cd.position();
      ByteBuffer end = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
      end.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
          .putLong(count).putLong(count).putLong(cd.position()).putLong(cdOffset);
      end.putInt(0x07064b50).putInt(0).putLong(zip64).putInt(1);
      end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF).putShort((short) 0xFFFF)
          .putInt(cd.position()).putInt((int) 0xFFFFFFFFL).putShort((short) 0);
      out.write(end.array());
    }
    long start = System.nanoTime();
    assertCode(() -> MeshArchive.open(p).close(), MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES);
    assertThat((System.nanoTime() - start) / 1e9).as("seconds to refuse").isLessThan(1.0);
  }

  @Test
  void entryCountIsCheckedAgainstTheRealDirectoryNotJustTheDeclaredCount() throws IOException {
    String[] pairs = new String[2 * 50];
    for (int i = 0; i < 50; i++) {
      pairs[2 * i] = "e" + i + ".txt";
      pairs[2 * i + 1] = "";
    }
    Path p = zip("fifty.zip", pairs);
    byte[] bytes = Files.readAllBytes(p);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = bytes.length - 22;
    assertThat(b.getInt(eocd)).isEqualTo(0x06054b50);
    b.putShort(eocd + 8, (short) 1).putShort(eocd + 10, (short) 1); // lie: one entry
    Files.write(p, bytes);
    assertCode(() -> MeshArchive.open(p, ArchiveLimits.DEFAULTS.withMaxEntries(10)).close(),
        MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES);
  }

  @Test
  void tooManyTarEntries() throws IOException {
    TarArchiveEntry[] entries = new TarArchiveEntry[20];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = new TarArchiveEntry("f" + i + ".txt");
    }
    Path p = tar("many.tar.gz", true, entries);
    assertCode(() -> MeshArchive.open(p, ArchiveLimits.DEFAULTS.withMaxEntries(10)).close(),
        MeshFormatException.ARCHIVE_TOO_MANY_ENTRIES);
  }

  @Test
  void unknownArchiveKind() {
    assertCode(() -> MeshArchive.open(dir.resolve("x.rar")), MeshFormatException.UNSUPPORTED_FORMAT);
  }
}
