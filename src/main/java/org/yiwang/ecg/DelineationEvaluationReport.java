package org.yiwang.ecg;

import java.util.Map;

/**
 * Delineation scored against per-lead reference annotations (LUDB layout): errors (ours − reference, ms) of
 * each fiducial point and interval, against lead II's annotation and against the envelope of all leads
 * (earliest onset, latest offset), which is what a multi-lead delineation measures.
 *
 * @param records          records analysed
 * @param referenceQrs     QRS complexes annotated in lead II
 * @param matchedQrs       of these, how many had a detected beat within 150 ms
 * @param leadII           errors against lead II, by name (P_on, QRS_on, QRS_off, T_end, PR, QRS, QT)
 * @param allLeads         errors against the all-lead envelope, same names
 */
public record DelineationEvaluationReport(int records, int referenceQrs, int matchedQrs, Map<String, ErrorStatistics> leadII,
        Map<String, ErrorStatistics> allLeads) {

    public DelineationEvaluationReport {
        leadII = Map.copyOf(leadII);
        allLeads = Map.copyOf(allLeads);
    }

    /** Mean and standard deviation of signed errors, and how many were within the tolerance. */
    public record ErrorStatistics(int count, double meanMs, double sdMs, double meanAbsoluteMs) {
    }
}
