package org.yiwang.ecg.signal.analysis;

import java.util.List;
import java.util.Optional;
import org.yiwang.ecg.signal.Beats;
import org.yiwang.ecg.signal.RrStatistics;
import org.yiwang.ecg.signal.SignalQuality;
import org.yiwang.ecg.signal.delineation.Delineation;
import org.yiwang.ecg.signal.delineation.StemiAssessment;
import org.yiwang.ecg.signal.rhythm.BeatType;
import org.yiwang.ecg.signal.rhythm.RhythmAnalysis;

/**
 * The pre-analysis of one recording (immutable).
 *
 * @param quality         per-lead signal quality
 * @param beats           detected beats
 * @param beatTypes       morphology class per beat
 * @param morphologyLead  lead used for beat classes and atrial activity
 * @param rr              RR statistics
 * @param rhythm          rhythm classification
 * @param delineation     intervals and ST per lead; empty for recordings with fewer than 8 standard leads
 * @param stemi           contiguous-lead ST-elevation assessment ({@link StemiAssessment#none()} without delineation)
 * @param findings        everything worth telling the reader, each with a confidence
 * @param critical        at least one critical finding
 * @param criticalReasons codes of the critical findings
 */
public record EcgReport(double samplingRateHz, double durationMs, SignalQuality quality, Beats beats,
        List<BeatType> beatTypes, String morphologyLead, RrStatistics rr, RhythmAnalysis rhythm,
        Optional<Delineation> delineation, StemiAssessment stemi, List<Finding> findings, boolean critical,
        List<FindingCode> criticalReasons) {

    public EcgReport {
        beatTypes = List.copyOf(beatTypes);
        findings = List.copyOf(findings);
        criticalReasons = List.copyOf(criticalReasons);
    }

    public double heartRateBpm() {
        return rhythm.heartRateBpm();
    }

    public Optional<Finding> finding(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).findFirst();
    }
}
