package dev.rayform.recon.image;

import dev.rayform.recon.ReconException;

/**
 * An input image that cannot be used. Codes: {@code image_empty}, {@code image_corrupt},
 * {@code image_too_small}, {@code image_too_large}, {@code image_unsupported},
 * {@code image_unreadable} (the file could not be read at all).
 */
public final class ImageException extends ReconException {
  public static final String EMPTY = "image_empty";
  public static final String CORRUPT = "image_corrupt";
  public static final String TOO_SMALL = "image_too_small";
  public static final String TOO_LARGE = "image_too_large";
  public static final String UNSUPPORTED = "image_unsupported";
  public static final String UNREADABLE = "image_unreadable";

  public ImageException(String code, String message) {
    super(code, message);
  }

  public ImageException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
