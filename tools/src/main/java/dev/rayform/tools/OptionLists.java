package dev.rayform.tools;

import java.util.List;

/**
 * The rule for comma-separated list options: given, a list names at least one thing and no blank
 * one ({@code --categories ,} or {@code --formats ""} is a mistake, not "all" or "none").
 */
final class OptionLists {
  private OptionLists() {}

  /** {@code values} when it is null (not given) or names something; otherwise an invalid_argument error. */
  static <T> List<T> named(String option, List<T> values) {
    if (values != null && (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.toString().isBlank()))) {
      throw new IllegalArgumentException(option + " must name at least one value and no empty one, got '"
          + String.join(",", values.stream().map(String::valueOf).toList()) + "'");
    }
    return values;
  }
}
