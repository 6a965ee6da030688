package org.yiwang.ecg.signal.rhythm;

import java.util.List;

/**
 * Result of {@link RhythmClassifier}.
 *
 * @param beats                 beats analysed
 * @param heartRateBpm          mean ventricular rate (60000 / mean RR), NaN with fewer than two beats
 * @param minimumRrMs           shortest RR interval (NaN with fewer than two beats)
 * @param maximumRrMs           longest RR interval, or the whole recording when it has fewer than two beats
 * @param label                 dominant rhythm
 * @param labelConfidence       0..1
 * @param afProbability         AF model probability (NaN when the features were insufficient)
 * @param irregularity          the RR features
 * @param pauses                RR intervals at least as long as the pause limit
 * @param ventricularBeats      beats classed ventricular
 * @param supraventricularBeats premature beats of dominant morphology
 * @param ventricularRuns       runs of consecutive ventricular beats long and fast enough to be VT
 * @param frequentVentricularEctopy ventricular beats reach the frequent-ectopy limits
 * @param frequentEctopyConfidence  0..1
 * @param atrialActivity        P-wave and flutter-wave evidence used
 */
public record RhythmAnalysis(int beats, double heartRateBpm, double minimumRrMs, double maximumRrMs, RhythmLabel label,
        double labelConfidence, double afProbability, RrIrregularity irregularity, List<Pause> pauses,
        int ventricularBeats, int supraventricularBeats, List<VentricularRun> ventricularRuns,
        boolean frequentVentricularEctopy, double frequentEctopyConfidence, AtrialActivity atrialActivity) {

    public RhythmAnalysis {
        pauses = List.copyOf(pauses);
        ventricularRuns = List.copyOf(ventricularRuns);
    }

    /** An RR interval (or a stretch without beats) at least as long as the pause limit. */
    public record Pause(double startMs, double durationMs) {
    }

    /** Consecutive ventricular beats. */
    public record VentricularRun(double startMs, int beats, double rateBpm) {
    }
}
