package org.yiwang.ecg;

import java.util.List;
import java.util.Locale;

/**
 * A statement of the structured report catalogue (心电图诊断术语).
 *
 * @param category    overall, rhythm, ectopy, conduction, ischaemia, morphology, quality
 * @param critical    a critical value (危急值): a report with it must be marked critical
 * @param suggestedBy pre-analysis findings that suggest it ({@code STEMI_SUSPECT:inferior} names a territory)
 */
public record ReportStatement(String code, String zh, String en, String category, boolean critical,
        List<String> suggestedBy) {

    public ReportStatement {
        suggestedBy = List.copyOf(suggestedBy);
    }

    public String text(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }
}
