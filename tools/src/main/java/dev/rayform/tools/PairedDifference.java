package dev.rayform.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A candidate's mean IoU against a base's on one benchmark set, paired by category: both means over
 * the categories the two share, the mean of the per-category differences with its standard error
 * (the sample deviation of the differences over the square root of their count; not defined for one
 * category), and how many categories rose. Pairing takes out the spread between categories, which is
 * most of a set's standard error, so a difference between two models on the same shapes is seen far
 * more sharply than by setting the two means' own errors side by side.
 */
record PairedDifference(double baseMean, double candidateMean, double meanDifference, double standardError, int up,
    Map<String, Double> differences) {

  PairedDifference {
    differences = Collections.unmodifiableMap(new LinkedHashMap<>(differences));
  }

  static PairedDifference of(Map<String, Double> base, Map<String, Double> candidate) {
    List<String> shared = new TreeMap<>(base).keySet().stream().filter(candidate::containsKey).toList();
    if (shared.isEmpty()) {
      throw new IllegalArgumentException("the two results share no category");
    }
    Map<String, Double> differences = new LinkedHashMap<>();
    double b = 0, c = 0, d = 0;
    int up = 0;
    for (String category : shared) {
      double diff = candidate.get(category) - base.get(category);
      differences.put(category, diff);
      b += base.get(category);
      c += candidate.get(category);
      d += diff;
      up += diff > 0 ? 1 : 0;
    }
    int n = shared.size();
    double mean = d / n, squares = 0;
    for (double diff : differences.values()) {
      squares += (diff - mean) * (diff - mean);
    }
    double se = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.NaN;
    return new PairedDifference(b / n, c / n, mean, se, up, differences);
  }

  int categories() {
    return differences.size();
  }

  /** Whether the candidate's mean is above the base's over the shared categories. */
  boolean above() {
    return meanDifference > 0;
  }
}
