package dev.rayform.workers.jobs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the catalogue manifest parsers (Jazzer): CSV and JSON text either gives
 * rows or fails with a bad-input {@link JobFailure} ({@code manifest_invalid}); anything else is a
 * finding. Also checks the formula guard on every SKU parsed.
 */
class ManifestRowsFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] data) {
    String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
    List<Map<String, String>> rows;
    try {
      rows = ManifestRows.parse(text);
    } catch (JobFailure expected) {
      if (expected.retryable() || !expected.code().startsWith("manifest_")) {
        throw new AssertionError("unexpected failure " + expected.code(), expected);
      }
      return;
    }
    for (Map<String, String> row : rows) {
      for (Map.Entry<String, String> e : row.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new AssertionError("null column or value in " + row);
        }
      }
      CatalogHandler.isFormula(row.get("sku"));
    }
  }

  @FuzzTest(maxDuration = "60s")
  void csv(byte[] data) {
    for (Map<String, String> row : Csv.rows(new String(data, java.nio.charset.StandardCharsets.UTF_8))) {
      if (row.containsKey(null) || row.containsValue(null)) {
        throw new AssertionError("null in " + row);
      }
    }
  }
}
