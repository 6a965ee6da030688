package org.yiwang.ecg;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.ecg.signal.rhythm.BeatType;

/**
 * Ventricular ectopic beats and ventricular runs scored against reference beat labels, for
 * {@code ecg-eval --ventricular}. Pure: beats in, counts out; counts add up over records.
 * <ul>
 * <li>VEB, the AAMI EC57 way: reference {@code V} and {@code E} beats are ventricular. Each reference beat is matched
 * to the nearest unmatched detected beat within the window. A reference ventricular beat is found when its match is
 * classed ventricular. A detected ventricular beat on a reference non-ventricular beat is a false positive, except on a
 * fusion beat ({@code F}, left out as EC57 does); one on no reference beat is counted apart.</li>
 * <li>Runs: a reference run is three or more consecutive reference beats all ventricular; at
 * {@link #VT_RATE_BPM} or faster it is ventricular tachycardia (found when one of our runs overlaps it), slower it
 * is an idioventricular rhythm (which our runs should not call VT). Our run overlapping no reference run is false.</li>
 * </ul>
 *
 * @param vebTruePositives       reference ventricular beats classed ventricular
 * @param vebFalseNegatives      reference ventricular beats missed or classed otherwise
 * @param vebFalsePositives      detected ventricular beats on reference non-ventricular, non-fusion beats
 * @param ventricularOnFusion    detected ventricular beats on reference fusion beats (left out)
 * @param ventricularOnNoBeat    detected ventricular beats on no reference beat (counted apart)
 * @param tachycardiaRuns        reference runs at the VT rate or faster
 * @param tachycardiaRunsFound   of those, overlapped by one of our runs
 * @param slowRuns               reference runs slower than the VT rate
 * @param slowRunsCalled         of those, overlapped by one of our runs
 * @param ourRuns                our runs
 * @param falseRuns              our runs overlapping no reference run
 */
public record VentricularScore(int vebTruePositives, int vebFalseNegatives, int vebFalsePositives,
        int ventricularOnFusion, int ventricularOnNoBeat, int tachycardiaRuns, int tachycardiaRunsFound, int slowRuns,
        int slowRunsCalled, int ourRuns, int falseRuns) {

    /** Reference runs at this rate or faster are ventricular tachycardia. */
    public static final double VT_RATE_BPM = 100;

    public static final VentricularScore NONE = new VentricularScore(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** A run of consecutive beats, by the sample indices of its first and last beat. */
    public record Run(int firstSample, int lastSample) {

        public Run {
            if (lastSample < firstSample) {
                throw new IllegalArgumentException("run ends before it starts: " + firstSample + " to " + lastSample);
            }
        }

        boolean overlaps(Run other, int margin) {
            return firstSample - margin <= other.lastSample && other.firstSample <= lastSample + margin;
        }
    }

    /**
     * @param referenceSamples reference beat times (sample indices, ascending), beats only
     * @param referenceLabels  their annotation mnemonics ({@code N}, {@code V}, {@code F}, …)
     * @param detectedSamples  detected beat times (ascending)
     * @param detectedTypes    the class of each detected beat
     * @param ourRuns          our ventricular runs
     * @param samplingRateHz   for the rate of reference runs
     * @param windowSamples    the largest distance of a beat match, and the margin of a run overlap
     */
    public static VentricularScore of(int[] referenceSamples, char[] referenceLabels, int[] detectedSamples,
            BeatType[] detectedTypes, List<Run> ourRuns, double samplingRateHz, int windowSamples) {
        if (referenceSamples.length != referenceLabels.length || detectedSamples.length != detectedTypes.length) {
            throw new IllegalArgumentException("beat times and labels differ in number");
        }
        int[] match = matches(referenceSamples, detectedSamples, windowSamples);
        boolean[] detectedMatched = new boolean[detectedSamples.length];
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int onFusion = 0;
        for (int r = 0; r < referenceSamples.length; r++) {
            int d = match[r];
            if (d >= 0) {
                detectedMatched[d] = true;
            }
            boolean classedVentricular = d >= 0 && detectedTypes[d] == BeatType.VENTRICULAR;
            if (isVentricular(referenceLabels[r])) {
                if (classedVentricular) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (classedVentricular) {
                if (referenceLabels[r] == 'F') {
                    onFusion++;
                } else {
                    fp++;
                }
            }
        }
        int onNoBeat = 0;
        for (int d = 0; d < detectedSamples.length; d++) {
            if (!detectedMatched[d] && detectedTypes[d] == BeatType.VENTRICULAR) {
                onNoBeat++;
            }
        }
        List<Run> fast = new ArrayList<>();
        List<Run> slow = new ArrayList<>();
        referenceRuns(referenceSamples, referenceLabels, samplingRateHz, fast, slow);
        int fastFound = (int) fast.stream().filter(run -> overlapsAny(run, ourRuns, windowSamples)).count();
        int slowCalled = (int) slow.stream().filter(run -> overlapsAny(run, ourRuns, windowSamples)).count();
        List<Run> reference = new ArrayList<>(fast);
        reference.addAll(slow);
        int falseRuns = (int) ourRuns.stream().filter(run -> !overlapsAny(run, reference, windowSamples)).count();
        return new VentricularScore(tp, fn, fp, onFusion, onNoBeat, fast.size(), fastFound, slow.size(), slowCalled,
                ourRuns.size(), falseRuns);
    }

    public VentricularScore plus(VentricularScore o) {
        return new VentricularScore(vebTruePositives + o.vebTruePositives, vebFalseNegatives + o.vebFalseNegatives,
                vebFalsePositives + o.vebFalsePositives, ventricularOnFusion + o.ventricularOnFusion,
                ventricularOnNoBeat + o.ventricularOnNoBeat, tachycardiaRuns + o.tachycardiaRuns,
                tachycardiaRunsFound + o.tachycardiaRunsFound, slowRuns + o.slowRuns, slowRunsCalled + o.slowRunsCalled,
                ourRuns + o.ourRuns, falseRuns + o.falseRuns);
    }

    /** VEB sensitivity in percent; NaN without reference ventricular beats. */
    public double vebSensitivityPercent() {
        return percent(vebTruePositives, vebTruePositives + vebFalseNegatives);
    }

    /** VEB positive predictivity in percent (fusion and no-beat matches left out); NaN without any. */
    public double vebPositivePredictivityPercent() {
        return percent(vebTruePositives, vebTruePositives + vebFalsePositives);
    }

    static boolean isVentricular(char label) {
        return label == 'V' || label == 'E';
    }

    /** For each reference beat, the index of its detected beat or -1: nearest first, each detected beat used once. */
    private static int[] matches(int[] reference, int[] detected, int window) {
        int[] match = new int[reference.length];
        boolean[] used = new boolean[detected.length];
        int from = 0;
        for (int r = 0; r < reference.length; r++) {
            while (from < detected.length && detected[from] < reference[r] - window) {
                from++;
            }
            int best = -1;
            for (int d = from; d < detected.length && detected[d] <= reference[r] + window; d++) {
                if (!used[d] && (best < 0 || Math.abs(detected[d] - reference[r]) < Math.abs(detected[best] - reference[r]))) {
                    best = d;
                }
            }
            match[r] = best;
            if (best >= 0) {
                used[best] = true;
            }
        }
        return match;
    }

    private static void referenceRuns(int[] samples, char[] labels, double fs, List<Run> fast, List<Run> slow) {
        int start = -1;
        for (int i = 0; i <= samples.length; i++) {
            boolean ventricular = i < samples.length && isVentricular(labels[i]);
            if (ventricular && start < 0) {
                start = i;
            } else if (!ventricular && start >= 0) {
                int beats = i - start;
                if (beats >= 3) {
                    Run run = new Run(samples[start], samples[i - 1]);
                    double rate = 60.0 * (beats - 1) * fs / Math.max(1, run.lastSample() - run.firstSample());
                    (rate >= VT_RATE_BPM ? fast : slow).add(run);
                }
                start = -1;
            }
        }
    }

    private static boolean overlapsAny(Run run, List<Run> others, int margin) {
        return others.stream().anyMatch(other -> run.overlaps(other, margin));
    }

    private static double percent(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : 100.0 * numerator / denominator;
    }
}
