package org.yiwang.ecg;

import java.util.List;

/**
 * What the software found before a reader looks (stored as JSON with the recording).
 *
 * @param heartRateBpm   mean ventricular rate, null when no beats could be detected
 * @param rhythm         rhythm label (RhythmLabel name)
 * @param beatCount      beats detected
 * @param findings       every finding with its confidence, critical ones first
 * @param intervals      PR, QRS, QT, QTc in ms for 12-lead recordings, else null
 * @param stElevatedLeads leads with ST elevation meeting the STEMI criteria, empty when not suspect
 * @param stemiTerritories territories of a STEMI suspicion (inferior, anterior …)
 * @param leadQuality    per lead: the usable share and the main quality issue that withholds beat-level conclusions
 * @param segmentsAnalysed how many consecutive segments a long recording was analysed in (1 for short ones)
 * @param ventricularBeats premature ventricular beats among them (what a Holter summary counts), null in analyses
 *                         stored before the count was kept
 * @param supraventricularBeats premature supraventricular beats among them, null likewise
 */
public record EcgPreAnalysis(Double heartRateBpm, String rhythm, int beatCount, List<Finding> findings,
        Intervals intervals, List<String> stElevatedLeads, List<String> stemiTerritories,
        List<LeadState> leadQuality, int segmentsAnalysed, Integer ventricularBeats, Integer supraventricularBeats) {

    public EcgPreAnalysis {
        findings = List.copyOf(findings);
        stElevatedLeads = List.copyOf(stElevatedLeads);
        stemiTerritories = List.copyOf(stemiTerritories);
        leadQuality = List.copyOf(leadQuality);
    }

    /** Share of the detected beats that were premature ventricular ones, in percent; null when not counted. */
    public Double ventricularPercent() {
        return percentOfBeats(ventricularBeats);
    }

    /** Share of the detected beats that were premature supraventricular ones, in percent; null when not counted. */
    public Double supraventricularPercent() {
        return percentOfBeats(supraventricularBeats);
    }

    private Double percentOfBeats(Integer count) {
        return count == null || beatCount == 0 ? null : Math.round(1000.0 * count / beatCount) / 10.0;
    }

    public boolean critical() {
        return findings.stream().anyMatch(Finding::critical);
    }

    /**
     * One finding (FindingCode name), with the time of its first occurrence for long recordings.
     *
     * @param atSeconds seconds from the start where the finding was first seen, 0 for short recordings
     */
    public record Finding(String code, double confidence, boolean critical, String detail, double atSeconds) {
    }

    /**
     * @param usableFraction share of the recording where the lead is usable
     * @param mainIssue      the quality issue covering most of its unusable stretches (QualityIssue name), null when
     *                       the lead is usable throughout
     */
    public record LeadState(String lead, double usableFraction, String mainIssue) {
    }

    public record Intervals(Double prMs, Double qrsMs, Double qtMs, Double qtcMs) {
    }
}
