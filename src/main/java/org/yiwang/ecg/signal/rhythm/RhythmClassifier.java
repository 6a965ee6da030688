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
        return classify(beatTimesMs, types, null, durationMs, dominantQrsMs, atrial, thresholds);
    }

    /**
     * What the signal says about each beat beyond its class, for ventricular runs.
     *
     * @param similarityToPrevious correlation of each beat with the beat before it on the morphology lead
     *                             ({@link BeatMorphology#consecutiveCorrelations}); NaN where unknown
     * @param similarityToSecondPrevious correlation of each beat with the beat two before it
     *                             ({@link BeatMorphology#correlationsWithEarlierBeat} with lag 2); NaN where unknown
     * @param usableAround         whether the morphology lead is usable from
     *                             {@link RhythmThresholds#ventricularRunMarginMs()} before the beat to as long after it
     */
    public record BeatEvidence(double[] similarityToPrevious, double[] similarityToSecondPrevious,
            boolean[] usableAround) {

        public BeatEvidence {
            if (similarityToPrevious.length != usableAround.length
                    || similarityToSecondPrevious.length != usableAround.length) {
                throw new IllegalArgumentException("beat evidence arrays differ in length");
            }
            similarityToPrevious = similarityToPrevious.clone();
            similarityToSecondPrevious = similarityToSecondPrevious.clone();
            usableAround = usableAround.clone();
        }

        /** Likeness to the previous beat only (nothing known of alternation). */
        public BeatEvidence(double[] similarityToPrevious, boolean[] usableAround) {
            this(similarityToPrevious, nan(similarityToPrevious.length), usableAround);
        }

        private static double[] nan(int n) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, Double.NaN);
            return a;
        }

        @Override
        public double[] similarityToPrevious() {
            return similarityToPrevious.clone();
        }

        @Override
        public double[] similarityToSecondPrevious() {
            return similarityToSecondPrevious.clone();
        }

        @Override
        public boolean[] usableAround() {
            return usableAround.clone();
        }
    }

    /**
     * As {@link #classify(double[], BeatType[], double, double, AtrialActivity, RhythmThresholds)}, with evidence
     * (or null) that a ventricular run must also satisfy: its beats lie in usable signal with a margin, and each
     * resembles the run's previous beat (one ventricular morphology, not classes flipping on noise).
     */
    public static RhythmAnalysis classify(double[] beatTimesMs, BeatType[] types, BeatEvidence evidence,
            double durationMs, double dominantQrsMs, AtrialActivity atrial, RhythmThresholds thresholds) {
        int n = beatTimesMs.length;
        if (types != null && types.length != n) {
            throw new IllegalArgumentException("beat times and types differ in length: " + n + " vs " + types.length);
        }
        if (evidence != null && evidence.usableAround.length != n) {
            throw new IllegalArgumentException("beat times and evidence differ in length: " + n + " vs "
                    + evidence.usableAround.length);
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

        double[] afFeatures = irregularity.sufficient()
                ? AfModel.features(irregularity, atrial.pWaveEvidence()) : null;
        double afProbability = thresholds.afModel().probability(afFeatures, atrial.waveformAfLogit());
        // the operating point of the model that decided: with the network, the one chosen for specificity ≥ 95 %
        double afCall = thresholds.afProbability(
                thresholds.afModel().usesNetwork(afFeatures, atrial.waveformAfLogit()));
        // How irregular the ventricular response is, by the RR model alone: the waveform network reads flutter waves
        // as fibrillation too, so it has no say in telling coarse fibrillation from flutter below.
        double rrAfProbability = afFeatures == null ? Double.NaN : thresholds.afModel().probability(afFeatures);

        int ventricular = 0;
        int supraventricular = 0;
        List<RhythmAnalysis.VentricularRun> runs = new ArrayList<>();
        if (types != null) {
            int runStart = -1;
            for (int i = 0; i <= n; i++) {
                boolean v = i < n && types[i] == BeatType.VENTRICULAR;
                if (v) {
                    ventricular++;
                } else if (i < n && types[i] == BeatType.SUPRAVENTRICULAR) {
                    supraventricular++;
                }
                // A beat in or near a withheld stretch cannot be part of a run; a beat unlike the run's previous beat
                // ends the run and may start the next one.
                boolean candidate = v && (evidence == null || evidence.usableAround[i]);
                boolean continues = candidate && runStart >= 0
                        && (evidence == null || evidence.similarityToPrevious[i] >= thresholds.ventricularRunSimilarity()
                                || alternates(evidence, types, i, runStart, thresholds));
                if (runStart >= 0 && !continues) {
                    // Beats classed ventricular right before or after the run that do not belong to it (unlike its
                    // beats, or in unusable signal) make a stretch of changing shapes: noise, not one focus firing.
                    // One such beat at one end, with a beat not classed ventricular beyond it, is the run's onset or
                    // termination (a fusion of the ventricular and the conducted beat: mitdb 203 at 741.5 and
                    // 758.1 s); noise changes shape over several beats.
                    boolean before = runStart > 0 && types[runStart - 1] == BeatType.VENTRICULAR;
                    boolean after = i < n && types[i] == BeatType.VENTRICULAR;
                    boolean loneBefore = before && runStart > 1 && types[runStart - 2] != BeatType.VENTRICULAR;
                    boolean loneAfter = after && i + 1 < n && types[i + 1] != BeatType.VENTRICULAR;
                    boolean otherShapesAround = before && after || before && !loneBefore || after && !loneAfter;
                    // Noise lines up a few alike detections by chance, not twice the run minimum in a row: a run that
                    // long is one focus whatever lies beside it (mitdb 205 at 1460.7 s: a polymorphic onset of four
                    // beats, then seven alike at 180/min).
                    boolean sustained = i - runStart >= 2 * thresholds.ventricularRunBeats();
                    // In atrial fibrillation wide beats at the prevailing rate are aberrant conduction (a QRS widened
                    // by the bundle branch still refractory), not a ventricular focus, which fires prematurely.
                    boolean aberrantInAf = evidence != null && afProbability >= afCall
                            && !prematureOnset(beatTimesMs, types, runStart, thresholds.ventricularRunCouplingInAf());
                    if ((evidence == null || !otherShapesAround || sustained) && !aberrantInAf) {
                        addRun(runs, beatTimesMs, runStart, i - 1, thresholds);
                    }
                    runStart = -1;
                }
                if (candidate && runStart < 0) {
                    runStart = i;
                }
            }
        }
        boolean frequentEctopy = ventricular >= thresholds.frequentEctopyMinimumBeats()
                && ventricular >= thresholds.frequentEctopyFraction() * n;
        double ectopyConfidence = frequentEctopy ? Math.min(0.95, 0.6 + 0.05 * ventricular) : 0;

        boolean wideQrs = !Double.isNaN(dominantQrsMs) && dominantQrsMs >= thresholds.wideQrsMs();
        // P waves at a constant PR interval before the beats, apart from the previous T wave: the atria drive the
        // ventricles (sinus rhythm, conducted with a wide QRS when there is bundle branch block).
        boolean pWavesMarchWithQrs = atrial.pWaveAssociation() >= thresholds.wideTachycardiaPWaveAssociation();
        boolean flutter = atrial.flutterEvidence() >= thresholds.flutterEvidence()
                && atrial.flutterWaveRateBpm() >= thresholds.flutterAtrialRateMinBpm()
                && atrial.flutterWaveRateBpm() <= thresholds.flutterAtrialRateMaxBpm()
                && atrial.flutterWaveRateBpm() > heartRate * 1.5
                // P waves with a flat TP or PR segment between them: the periodicity is the beats' own P, QRS and T
                // remnants (or interference), not atrial waves running continuously.
                && !(atrial.isoelectricMs() >= thresholds.flutterIsoelectricMs())
                // Strongly irregular ventricular response with periodic-looking atrial waves: coarse fibrillation.
                && !(rrAfProbability >= 0.8)
                // A wide QRS and its T wave fill the cycle: the periodicity is theirs, and the P wave standing out
                // of the T wave's descent before every beat is a sinus P.
                && !(wideQrs && pWavesMarchWithQrs);
        // A wide regular tachycardia is ventricular until shown otherwise. What shows otherwise below
        // wideTachycardiaPWavesClearBelowBpm (150/min) is atrioventricular association: a P wave before every beat at
        // a constant PR interval, apart from the previous T wave (sinus tachycardia with bundle branch block); P waves
        // at their own rate (AV dissociation) or none leave it ventricular, and so does every rate from 150/min.
        // The P-wave evidence of the window before each beat does not show it: the previous T wave fills that window
        // as consistently as a P wave (a VT at 120/min read sinus tachycardia, sinus tachycardia with bundle branch
        // block at 120-145/min read VT through the flutter measure). Without the signal to measure association on,
        // P-wave evidence without a flutter periodicity stands in for it.
        boolean sinusOrigin = Double.isNaN(atrial.pWaveAssociation())
                ? atrial.pWaveEvidence() >= SINUS_P_EVIDENCE && !flutter
                : pWavesMarchWithQrs;
        boolean wideComplexTachycardia = wideQrs
                && heartRate >= thresholds.ventricularRunRateBpm()
                // Ventricular tachycardia is regular; alternating short and long intervals are T waves or noise
                // taken for beats (or an irregular rhythm conducted with a wide QRS), not VT.
                && regular(beatTimesMs, 0, n - 1)
                && n >= thresholds.ventricularRunBeats()
                // The beats must be read on usable signal and look alike from beat to beat (a tachycardia's QRS does
                // not change shape at random; noise taken for wide beats does).
                && (evidence == null || consistentOnUsableSignal(evidence, thresholds))
                && !(sinusOrigin && heartRate < thresholds.wideTachycardiaPWavesClearBelowBpm());
        if (wideComplexTachycardia && runs.isEmpty()) {
            runs.add(new RhythmAnalysis.VentricularRun(beatTimesMs[0], n, heartRate));
        }

        RhythmLabel label;
        double confidence;
        if (wideComplexTachycardia || (ventricular * 2 >= n && !runs.isEmpty())) {
            label = RhythmLabel.VENTRICULAR_TACHYCARDIA;
            confidence = wideComplexTachycardia ? 0.7 : 0.8;
        } else if (flutter) {
            label = RhythmLabel.ATRIAL_FLUTTER;
            confidence = Math.min(0.95, 0.5 + atrial.flutterEvidence());
        } else if (afProbability >= afCall && !pWavesMarchWithQrs) {
            // (P waves before the beats at a constant PR interval: the atria drive the ventricles, which fibrillating
            // atria cannot; measured where the QRS is wide, where the waveform network has read such rhythms as AF)
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
        // in fibrillation or flutter there is no sinus cycle for a beat to come early in: no premature atrial beats
        boolean atrialArrhythmia = label == RhythmLabel.ATRIAL_FIBRILLATION || label == RhythmLabel.ATRIAL_FLUTTER;
        return new RhythmAnalysis(n, heartRate, min, max, label, round(confidence), afProbability, irregularity, pauses,
                ventricular, atrialArrhythmia ? 0 : supraventricular, runs, frequentEctopy, ectopyConfidence, atrial);
    }

    /**
     * Whether ventricular beat {@code i}, unlike the run's previous beat, still belongs to the run begun at
     * {@code runStart} because the run alternates between two ventricular shapes (bidirectional ventricular
     * tachycardia, A-B-A-B): beat {@code i} lies in a stretch of beats each resembling the beat two before it, and that
     * stretch is sustained, at least twice {@link RhythmThresholds#ventricularRunBeats()} beats (A-B-A-B-A-B). A short
     * alternation is not enough: at the start of short noisy single-lead recordings (CinC 2017 A02464, A03031,
     * A04770) QRS complexes and T waves or transients detected in turn make 4-5 beats of A-B-A-B by chance. Noise
     * does not keep repeating a shape.
     */
    static boolean alternates(BeatEvidence evidence, BeatType[] types, int i, int runStart,
            RhythmThresholds thresholds) {
        if (thresholds.ventricularRunShapes() < 2) {
            return false;
        }
        // the stretch of consecutive repeats j (beat j like beat j - 2) whose beats j - 2 .. j include beat i
        for (int first = i; first <= i + 2; first++) {
            if (repeatsSecondPrevious(evidence, types, first, runStart, thresholds)) {
                int lo = first;
                while (repeatsSecondPrevious(evidence, types, lo - 1, runStart, thresholds)) {
                    lo--;
                }
                int hi = first;
                while (repeatsSecondPrevious(evidence, types, hi + 1, runStart, thresholds)) {
                    hi++;
                }
                // beats lo - 2 .. hi alternate
                return hi - lo + 3 >= 2 * thresholds.ventricularRunBeats();
            }
        }
        return false;
    }

    /** Beat {@code j} is a usable ventricular beat resembling the beat two before it, both in the run. */
    private static boolean repeatsSecondPrevious(BeatEvidence evidence, BeatType[] types, int j, int runStart,
            RhythmThresholds thresholds) {
        return j - 2 >= runStart && j < types.length && types[j] == BeatType.VENTRICULAR && evidence.usableAround[j]
                && evidence.similarityToSecondPrevious[j] >= thresholds.ventricularRunSimilarity();
    }

    /**
     * Whether the ventricular beats ending at {@code runStart} (the run and a ventricular beat right before it) begin
     * early: the interval into the first of them is shorter than {@code ratio} times the median of the up to
     * {@link #PREVAILING_RATE_INTERVALS} intervals before it (the prevailing rate; in AF a few intervals do not tell
     * it). True when that cannot be measured (the run at the start of the recording).
     */
    static boolean prematureOnset(double[] beatTimesMs, BeatType[] types, int runStart, double ratio) {
        int first = runStart;
        if (first > 0 && types[first - 1] == BeatType.VENTRICULAR) {
            first--;
        }
        int count = Math.min(PREVAILING_RATE_INTERVALS, first - 1);
        if (count < 2) {
            return true;
        }
        double[] before = new double[count];
        for (int k = 0; k < count; k++) {
            before[k] = beatTimesMs[first - 1 - k] - beatTimesMs[first - 2 - k];
        }
        java.util.Arrays.sort(before);
        double median = count % 2 == 1 ? before[count / 2] : (before[count / 2 - 1] + before[count / 2]) / 2;
        return beatTimesMs[first] - beatTimesMs[first - 1] < ratio * median;
    }

    /**
     * Frequent ectopic beats in a sinus rhythm (the finding says so separately): the sinus cycles are regular
     * (longest at most {@link #DOMINANT_RR_RATIO} times the shortest, at least three of them) and P waves precede the
     * dominant beats (evidence at least {@link #SINUS_P_EVIDENCE}). A sinus cycle is the interval between consecutive
     * dominant beats. In ventricular bigeminy there are none (fewer than three): then it is half the interval between
     * the dominant beats either side of a premature ventricular beat, since the sinus node keeps its timing across
     * it (full compensatory pause).
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
            for (int i = 2; i < beatTimesMs.length; i++) {
                double cycle = (beatTimesMs[i] - beatTimesMs[i - 2]) / 2;
                if (types[i] == BeatType.NORMAL && types[i - 1] == BeatType.VENTRICULAR
                        && types[i - 2] == BeatType.NORMAL
                        && beatTimesMs[i - 1] - beatTimesMs[i - 2] < PREMATURE_RATIO * cycle) {
                    rr[count++] = cycle;
                }
            }
        }
        if (count < 3) {
            return false;
        }
        java.util.Arrays.sort(rr, 0, count);
        // one misclassified beat (an ectopic at the recording's edge taken as dominant) may spoil one interval each side;
        // over minutes to hours, the extremes of natural sinus variability are left out too (5 % each side), so the
        // verdict does not depend on the recording's length
        int trim = count >= 4 ? Math.max(1, count / 20) : 0;
        return rr[count - 1 - trim] <= DOMINANT_RR_RATIO * rr[trim];
    }

    static final double SINUS_P_EVIDENCE = 0.5;
    static final int PREVAILING_RATE_INTERVALS = 20;
    static final double DOMINANT_RR_RATIO = 1.25;
    /** A ventricular beat this early in the sinus cycle is premature. */
    static final double PREMATURE_RATIO = 0.85;

    /**
     * Adds beats {@code first}..{@code last} as a ventricular run when there are enough of them, their intervals are
     * regular (wide beats at irregular intervals are more often an irregular rhythm conducted with a wide QRS, as in
     * AF with aberrancy) and the rate over the run's own beats reaches the threshold.
     */
    private static void addRun(List<RhythmAnalysis.VentricularRun> runs, double[] beatTimesMs, int first, int last,
            RhythmThresholds thresholds) {
        int length = last - first + 1;
        if (length < thresholds.ventricularRunBeats()) {
            return;
        }
        if (!regular(beatTimesMs, first, last)) {
            // A long interval inside (a missed beat, the run's irregular onset) leaves regular stretches on either
            // side: each is a run of its own when long enough.
            int start = first;
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int i = first + 1; i <= last; i++) {
                double rr = beatTimesMs[i] - beatTimesMs[i - 1];
                if (Math.max(max, rr) > 1.5 * Math.min(min, rr)) {
                    if (i - 1 > start) {
                        addRegularRun(runs, beatTimesMs, start, i - 1, thresholds);
                    }
                    start = i - 1;
                    min = rr;
                    max = rr;
                } else {
                    min = Math.min(min, rr);
                    max = Math.max(max, rr);
                }
            }
            addRegularRun(runs, beatTimesMs, start, last, thresholds);
            return;
        }
        addRegularRun(runs, beatTimesMs, first, last, thresholds);
    }

    private static void addRegularRun(List<RhythmAnalysis.VentricularRun> runs, double[] beatTimesMs, int first,
            int last, RhythmThresholds thresholds) {
        int length = last - first + 1;
        if (length < thresholds.ventricularRunBeats()) {
            return;
        }
        double rate = 60_000 * (length - 1) / (beatTimesMs[last] - beatTimesMs[first]);
        if (rate >= thresholds.ventricularRunRateBpm()) {
            runs.add(new RhythmAnalysis.VentricularRun(beatTimesMs[first], length, rate));
        }
    }

    /**
     * Whether at least half of the beats lie in usable signal and, among those, the median correlation with the
     * previous beat reaches {@link RhythmThresholds#ventricularRunSimilarity()}.
     */
    static boolean consistentOnUsableSignal(BeatEvidence evidence, RhythmThresholds thresholds) {
        int n = evidence.usableAround.length;
        double[] similarities = new double[n];
        int usable = 0;
        int measured = 0;
        for (int i = 0; i < n; i++) {
            if (evidence.usableAround[i]) {
                usable++;
                if (!Double.isNaN(evidence.similarityToPrevious[i])) {
                    similarities[measured++] = evidence.similarityToPrevious[i];
                }
            }
        }
        if (usable * 2 < n || measured == 0) {
            return false;
        }
        double[] sorted = java.util.Arrays.copyOf(similarities, measured);
        java.util.Arrays.sort(sorted);
        return sorted[measured / 2] >= thresholds.ventricularRunSimilarity();
    }

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
