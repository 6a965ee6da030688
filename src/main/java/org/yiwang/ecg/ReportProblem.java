package org.yiwang.ecg;

import java.util.List;

/**
 * One thing wrong with a report draft.
 *
 * @param field      the form field ({@code conclusion}, {@code heartRateBpm}, {@code statementCodes} …)
 * @param messageKey an {@code ecg.report.error.*} bundle key
 * @param args       its arguments
 */
public record ReportProblem(String field, String messageKey, List<Object> args) {

    public ReportProblem {
        args = List.copyOf(args);
    }

    public static ReportProblem of(String field, String messageKey, Object... args) {
        return new ReportProblem(field, messageKey, List.of(args));
    }
}
