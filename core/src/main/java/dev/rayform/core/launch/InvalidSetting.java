package dev.rayform.core.launch;

import dev.rayform.core.PlatformException;

/**
 * A process setting that cannot work here (an unknown device, a GPU that is not there): the
 * operator's input, so the launcher exits with status 2 and the code, before anything starts.
 */
public final class InvalidSetting extends PlatformException {
  private static final long serialVersionUID = 1L;

  public InvalidSetting(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
