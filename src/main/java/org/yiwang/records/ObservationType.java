package org.yiwang.records;

import java.math.BigDecimal;

/**
 * A test or vital sign the county's record knows by name (one line of the observation catalogue).
 *
 * @param code          LOINC code
 * @param chineseName   name shown in the record
 * @param englishName   English name
 * @param category      {@code vital-signs} or {@code laboratory}
 * @param unit          the UCUM unit results are expected in, or null
 * @param range         adult reference range used when the sender gives none
 * @param criticalLow   at or below this a result is critical (危急值), or null
 * @param criticalHigh  at or above this a result is critical, or null
 * @param group         tests with the same group count as equivalent for result sharing (互认)
 */
public record ObservationType(String code, String chineseName, String englishName, String category, String unit,
                              ReferenceRange range, BigDecimal criticalLow, BigDecimal criticalHigh, String group) {

    /** The flag of a value of this test: critical limits first, then the range ({@code range} overrides ours). */
    public Interpretation interpret(BigDecimal value, ReferenceRange sentRange) {
        if (criticalLow != null && value.compareTo(criticalLow) <= 0) {
            return Interpretation.CRITICAL_LOW;
        }
        if (criticalHigh != null && value.compareTo(criticalHigh) >= 0) {
            return Interpretation.CRITICAL_HIGH;
        }
        return interpretAgainst(value, sentRange != null && !sentRange.isEmpty() ? sentRange : range);
    }

    /** The flag of a value against a reference range alone. */
    static Interpretation interpretAgainst(BigDecimal value, ReferenceRange range) {
        if (range == null || range.isEmpty()) {
            return null;
        }
        if (range.low() != null && value.compareTo(range.low()) < 0) {
            return Interpretation.LOW;
        }
        if (range.high() != null && value.compareTo(range.high()) > 0) {
            return Interpretation.HIGH;
        }
        return Interpretation.NORMAL;
    }
}
