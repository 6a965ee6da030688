package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies the rhythm of a recording from its beats: rate, RR irregularity (the AF model), atrial activity
 * (P waves, flutter waves), pauses, ventricular ectopy and runs. Pure and stateless.
 */
public final class RhythmClassifier {

    private RhythmClassifier() {
    }

    /**
     * @param beatTimesMs   detected beats, ascending, milliseconds from the start of the recording
     * @param types         morphology class of each beat, or null (all treated as dominant)
     * @param durationMs    length of the recording
     * @param dominantQrsMs QRS duration of the dominant beat, or NaN when unknown
     * @param atrial        atrial activity measured on the signal ({@link AtrialActivity#unknown()} without one)
     */
    public static RhythmAnalysis classify(double[] beatTimesMs, BeatType[] types, double durationMs, double dominantQrsMs,
            AtrialActivity atrial, RhythmThresholds thresholds) {
        int n = beatTimesMs.length;
        if (types != null && types.length != n) {
            throw new IllegalArgumentException("beat times and types differ in length: " + n + " vs " + types.length);
        }
        RrIrregularity irregularity = RrIrregularity.of(beatTimesMs, types);
        List<RhythmAnalysis.Pause> pauses = new ArrayList<>();
        if (n < 2) {
            if (durationMs >= thresholds.pauseMs()) {
                pauses.add(new RhythmAnalysis.Pause(0, durationMs));
            }
            return new RhythmAnalysis(n, Double.NaN, Double.NaN, durationMs, RhythmLabel.UNDETERMINED, 0, Double.NaN,
                    irregularity, pauses, 0, 0, List.of(), false, 0, atrial);
        }
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 1; i < n; i++) {
            double rr = beatTimesMs[i] - beatTimesMs[i - 1];
            if (rr <= 0) {
                throw new IllegalArgumentException("beat times must increase (beat " + i + ")");
            }
            sum += rr;
            min = Math.min(min, rr);
            max = Math.max(max, rr);
            if (rr >= thresholds.pauseMs()) {
                pauses.add(new RhythmAnalysis.Pause(beatTimesMs[i - 1], rr));
            }
        }
        double meanRr = sum / (n - 1);
        double heartRate = 60_000 / meanRr;

        int ventricular = 0;
        int supraventricular = 0;
        List<RhythmAnalysis.VentricularRun> runs = new ArrayList<>();
        if (types != null) {
            int runStart = -1;
            for (int i = 0; i <= n; i++) {
                boolean v = i < n && types[i] == BeatType.VENTRICULAR;
                if (i < n && types[i] == BeatType.VENTRICULAR) {
                    ventricular++;
                } else if (i < n && types[i] == BeatType.SUPRAVENTRICULAR) {
                    supraventricular++;
                }
                if (v && runStart < 0) {
                    runStart = i;
                } else if (!v && runStart >= 0) {
                    int length = i - runStart;
                    if (length >= thresholds.ventricularRunBeats() && regular(beatTimesMs, runStart, i - 1)) {
                        double rate = 60_000 * (length - 1) / (beatTimesMs[i - 1] - beatTimesMs[runStart]);
                        if (rate >= thresholds.ventricularRunRateBpm()) {
                            runs.add(new RhythmAnalysis.VentricularRun(beatTimesMs[runStart], length, rate));
                        }
                    }
                    runStart = -1;
                }
            }
        }
        boolean frequentEctopy = ventricular >= thresholds.frequentEctopyMinimumBeats()
                && ventricular >= thresholds.frequentEctopyFraction() * n;
        double ectopyConfidence = frequentEctopy ? Math.min(0.95, 0.6 + 0.05 * ventricular) : 0;

        boolean wideComplexTachycardia = !Double.isNaN(dominantQrsMs) && dominantQrsMs >= thresholds.wideQrsMs()
                && heartRate >= thresholds.ventricularRunRateBpm()
                // Ventricular tachycardia is regular; alternating short and long intervals are T waves or noise
                // taken for beats (or an irregular rhythm conducted with a wide QRS), not VT.
                && regular(beatTimesMs, 0, n - 1)
                // At fast rates the previous T wave fills the P window, so P evidence cannot clear a wide tachycardia.
                && (!(atrial.pWaveEvidence() >= 0.5) || heartRate >= 150);
        if (wideComplexTachycardia && runs.isEmpty()) {
            runs.add(new RhythmAnalysis.VentricularRun(beatTimesMs[0], n, heartRate));
        }

        double afProbability = irregularity.sufficient()
                ? thresholds.afModel().probability(AfModel.features(irregularity, atrial.pWaveEvidence()))
                : Double.NaN;

        RhythmLabel label;
        double confidence;
        boolean flutter = atrial.flutterEvidence() >= thresholds.flutterEvidence()
                && atrial.flutterWaveRateBpm() >= thresholds.flutterAtrialRateMinBpm()
                && atrial.flutterWaveRateBpm() <= thresholds.flutterAtrialRateMaxBpm()
                && atrial.flutterWaveRateBpm() > heartRate * 1.5
                // P waves with a flat TP or PR segment between them: the periodicity is the beats' own P, QRS and T
                // remnants (or interference), not atrial waves running continuously.
                && !(atrial.isoelectricMs() >= thresholds.flutterIsoelectricMs())
                // Strongly irregular ventricular response with periodic-looking atrial waves: coarse fibrillation.
                && !(afProbability >= 0.8);
        if (wideComplexTachycardia || (ventricular * 2 >= n && !runs.isEmpty())) {
            label = RhythmLabel.VENTRICULAR_TACHYCARDIA;
            confidence = wideComplexTachycardia ? 0.7 : 0.8;
        } else if (flutter) {
            label = RhythmLabel.ATRIAL_FLUTTER;
            confidence = Math.min(0.95, 0.5 + atrial.flutterEvidence());
        } else if (afProbability >= thresholds.afProbability()) {
            label = RhythmLabel.ATRIAL_FIBRILLATION;
            confidence = afProbability;
        } else if (!irregularity.sufficient() && n < 4) {
            label = RhythmLabel.UNDETERMINED;
            confidence = 0;
        } else {
            double regular = Double.isNaN(afProbability) ? 0.6 : 1 - afProbability;
            double pFactor = Double.isNaN(atrial.pWaveEvidence()) ? 0.8 : 0.3 + 0.7 * atrial.pWaveEvidence();
            boolean sinusWithEctopy = frequentEctopy && atrial.pWaveEvidence() >= SINUS_P_EVIDENCE
                    && regularBetweenDominantBeats(beatTimesMs, types);
            if (!sinusWithEctopy && (irregularity.fractionLargeChanges() >= 0.3 || frequentEctopy)) {
                label = RhythmLabel.IRREGULAR_RHYTHM;
                confidence = Math.max(0.3, Math.min(0.9, irregularity.fractionLargeChanges() + 0.3));
            } else {
                label = heartRate < thresholds.bradycardiaBpm() ? RhythmLabel.SINUS_BRADYCARDIA
                        : heartRate > thresholds.tachycardiaBpm() ? RhythmLabel.SINUS_TACHYCARDIA
                        : RhythmLabel.SINUS_RHYTHM;
                confidence = regular * pFactor;
            }
        }
        return new RhythmAnalysis(n, heartRate, min, max, label, round(confidence), afProbability, irregularity, pauses,
                ventricular, supraventricular, runs, frequentEctopy, ectopyConfidence, atrial);
    }

    /**
     * Frequent ectopic beats in a sinus rhythm (the finding says so separately): the intervals between consecutive
     * dominant beats are regular (longest at most {@link #DOMINANT_RR_RATIO} times the shortest, at least three such
     * intervals) and P waves precede the dominant beats (evidence at least {@link #SINUS_P_EVIDENCE}).
     */
    static boolean regularBetweenDominantBeats(double[] beatTimesMs, BeatType[] types) {
        if (types == null) {
            return false;
        }
        double[] rr = new double[beatTimesMs.length];
        int count = 0;
        for (int i = 1; i < beatTimesMs.length; i++) {
            if (types[i] == BeatType.NORMAL && types[i - 1] == BeatType.NORMAL) {
                rr[count++] = beatTimesMs[i] - beatTimesMs[i - 1];
            }
        }
        if (count < 3) {
            return false;
        }
        java.util.Arrays.sort(rr, 0, count);
        // one misclassified beat (an ectopic at the recording's edge taken as dominant) may spoil one interval each side
        int trim = count >= 4 ? 1 : 0;
        return rr[count - 1 - trim] <= DOMINANT_RR_RATIO * rr[trim];
    }

    static final double SINUS_P_EVIDENCE = 0.5;
    static final double DOMINANT_RR_RATIO = 1.25;

    /**
     * Whether the intervals between beats {@code first}..{@code last} are regular enough for a ventricular run:
     * the longest interval at most 1.5 times the shortest, after ignoring the single most extreme interval when
     * there are more than ten.
     */
    static boolean regular(double[] beatTimesMs, int first, int last) {
        int count = last - first;
        if (count < 1) {
            return true;
        }
        double[] rr = new double[count];
        for (int i = 0; i < count; i++) {
            rr[i] = beatTimesMs[first + i + 1] - beatTimesMs[first + i];
        }
        java.util.Arrays.sort(rr);
        int trim = count > 10 ? Math.max(1, count / 20) : 0;
        return rr[count - 1 - trim] <= 1.5 * rr[trim];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
