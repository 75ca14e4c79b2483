package dev.rayform.recon.geometry.io;

import dev.rayform.recon.ReconException;

/**
 * A mesh file or archive that cannot be read or written safely. {@link #code()} is one of the
 * constants below; the message names the file and, where it helps, the line or byte offset.
 */
public class MeshFormatException extends ReconException {
  /** The file ends before the data its header or syntax promises. */
  public static final String TRUNCATED = "mesh_truncated";
  /** Syntax or structure that the format does not allow. */
  public static final String MALFORMED = "mesh_malformed";
  /** A face references a vertex that does not exist. */
  public static final String INDEX_OUT_OF_RANGE = "mesh_index_out_of_range";
  /** A coordinate is NaN or infinite. */
  public static final String NON_FINITE = "mesh_non_finite";
  /** An extension, format variant or feature this reader does not handle. */
  public static final String UNSUPPORTED_FORMAT = "mesh_unsupported_format";
  /** The input is larger than the reader allows. */
  public static final String TOO_LARGE = "mesh_too_large";
  /** An archive entry name escapes the archive root (.., absolute path, drive letter). */
  public static final String ARCHIVE_PATH_TRAVERSAL = "archive_path_traversal";
  /** More entries than the limit. */
  public static final String ARCHIVE_TOO_MANY_ENTRIES = "archive_too_many_entries";
  /** More uncompressed bytes (per entry or in total) than the limit. */
  public static final String ARCHIVE_TOO_LARGE = "archive_too_large";
  /** An entry inflates far more than real data does (a compression bomb). */
  public static final String ARCHIVE_COMPRESSION_RATIO = "archive_compression_ratio";
  /** A symbolic or hard link entry. */
  public static final String ARCHIVE_SYMLINK = "archive_symlink";
  /** An archive that is corrupt or of an unknown kind. */
  public static final String ARCHIVE_MALFORMED = "archive_malformed";
  /** An entry name that is not in the archive. */
  public static final String ARCHIVE_ENTRY_NOT_FOUND = "archive_entry_not_found";
  /** An I/O failure while reading or writing. */
  public static final String IO_ERROR = "mesh_io_error";

  public MeshFormatException(String code, String message) {
    super(code, message);
  }

  public MeshFormatException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
