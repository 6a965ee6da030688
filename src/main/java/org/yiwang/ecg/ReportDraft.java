package org.yiwang.ecg;

import java.util.List;

/**
 * What a reader signs: statements from the catalogue, further statements in their own words, the measurements and
 * the conclusion, and whether it is a critical value (危急值).
 *
 * @param statementCodes       codes of {@link ReportStatement}s, in the reader's order
 * @param otherStatements      further statements, one per line, optional
 * @param heartRateBpm         ventricular rate, optional
 * @param prMs                 PR interval, optional (absent in atrial fibrillation)
 * @param qrsMs                QRS duration, optional
 * @param qtMs                 QT interval, optional
 * @param qtcMs                corrected QT, optional
 * @param conclusion           the conclusion (诊断意见) as printed
 * @param critical             a critical value: the clinic is alarmed and offered the green channel
 */
public record ReportDraft(List<String> statementCodes, String otherStatements, Integer heartRateBpm, Integer prMs,
        Integer qrsMs, Integer qtMs, Integer qtcMs, String conclusion, boolean critical) {

    public ReportDraft {
        statementCodes = statementCodes == null ? List.of() : List.copyOf(statementCodes);
    }

    /** The further statements, one per non-blank line, stripped. */
    public List<String> otherStatementLines() {
        return otherStatements == null ? List.of()
                : otherStatements.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
