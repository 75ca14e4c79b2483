package dev.rayform.workers.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which SKUs a spreadsheet would run as a formula (OWASP's CSV injection list): those items are refused. */
class CatalogFormulaTest {
  @Test
  void skusStartingWithAFormulaCharacterAreFormulas() {
    for (String sku : new String[] {"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=", "=cmd|' /C calc'!A0"}) {
      assertThat(CatalogHandler.isFormula(sku)).as(sku).isTrue();
    }
    for (String sku : new String[] {"chair-1", "SKU=1", "a+b", "1e10", "", "  ", "é-123", "(=)"}) {
      assertThat(CatalogHandler.isFormula(sku)).as(sku).isFalse();
    }
    assertThat(CatalogHandler.isFormula(null)).isFalse();
  }
}
