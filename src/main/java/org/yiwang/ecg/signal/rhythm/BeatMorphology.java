package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Classes beats by morphology on one lead: each beat is compared with the dominant (median) beat by
 * correlation and QRS width, and its prematurity with the local RR. Wide beats unlike the dominant one are
 * ventricular; premature beats like it are supraventricular. A second pass groups the ventricular beats into classes
 * (one per ectopic shape) and classes ventricular the beats that resemble such a class clearly better than the
 * dominant beat.
 */
public final class BeatMorphology {

    /** Result: a class per beat, the dominant beat's QRS width and each beat's correlation with it. */
    public record Classification(BeatType[] types, double dominantQrsMs, double[] correlations) {

        public Classification {
            types = types.clone();
            correlations = correlations.clone();
        }

        @Override
        public BeatType[] types() {
            return types.clone();
        }

        @Override
        public double[] correlations() {
            return correlations.clone();
        }

        public long count(BeatType type) {
            return Arrays.stream(types).filter(t -> t == type).count();
        }
    }

    static final double WINDOW_BEFORE_MS = 100;
    static final double WINDOW_AFTER_MS = 150;
    /** A detection this soon after the previous one may be that beat's T wave. */
    static final double T_WAVE_WINDOW_MS = 360;
    /** Fewest beats outside the T-wave window for a template of those beats only. */
    static final int MINIMUM_TEMPLATE_BEATS = 5;
    /** Such a detection unlike the dominant beat whose steepest slope is below this share of the beat's is a T wave. */
    static final double T_WAVE_SLOPE_RATIO = 0.6;
    /** Beats whose RR is at least this share of the local mean RR (not premature) make the dominant template... */
    static final double ON_TIME_RATIO = 0.9;
    /** ... when there are at least this many of them (a 10-s ECG in bigeminy at 50/min has four)... */
    static final int MINIMUM_ON_TIME_BEATS = 3;
    /** ... and they are at least this share of the beats after the first (about half in bigeminy). */
    static final double ON_TIME_MINIMUM_SHARE = 0.4;
    /** ... and at least this share of the other beats is followed by an on-time beat. */
    static final double EARLY_THEN_ON_TIME_SHARE = 0.8;
    /** A ventricular beat joins a ventricular class whose mean beat it correlates with at least this well... */
    static final double VENTRICULAR_CLASS_LIKENESS = 0.9;
    /** ... of at most this many classes (multiform ectopy; beats of further shapes keep their first-pass class). */
    static final int MAXIMUM_VENTRICULAR_CLASSES = 8;
    /** A class takes in other beats when it has at least this many beats... */
    static final int MINIMUM_VENTRICULAR_CLASS_BEATS = 3;
    /** ... at least this share of them premature (RR before them below {@link #PREMATURE_RATIO} of the local median)... */
    static final double VENTRICULAR_CLASS_PREMATURE_SHARE = 0.5;
    /** A beat whose RR is below this share of the median of the surrounding RR intervals is premature. */
    static final double PREMATURE_RATIO = 0.85;
    /** ... and its mean beat correlates below this with the dominant beat... */
    static final double VENTRICULAR_CLASS_DOMINANT_LIKENESS = 0.8;
    /** ... and the beat correlates with the class's mean at least this much better than with the dominant beat. */
    static final double VENTRICULAR_CLASS_MARGIN = 0.05;

    private BeatMorphology() {
    }

    /**
     * @param samplesMicrovolts one lead
     * @param beatSamples       beat positions (R peaks or QRS fiducials), ascending
     */
    public static Classification classify(int[] samplesMicrovolts, int[] beatSamples, double samplingRateHz) {
        int n = beatSamples.length;
        int before = (int) Math.round(WINDOW_BEFORE_MS * samplingRateHz / 1000);
        int after = (int) Math.round(WINDOW_AFTER_MS * samplingRateHz / 1000);
        int length = before + after + 1;
        double[][] windows = new double[n][];
        for (int i = 0; i < n; i++) {
            windows[i] = window(samplesMicrovolts, beatSamples[i] - before, length);
        }
        // The dominant beat is taken from detections that do not follow the previous one closely: where T waves are
        // counted as beats they make up half of the detections, and a template of all of them is half T wave.
        // Premature beats are left out too: in ventricular bigeminy half of the beats are ectopic, and a median of
        // all of them is half ectopic, so that neither shape stands out of it.
        int tWaveWindow = (int) Math.round(T_WAVE_WINDOW_MS * samplingRateHz / 1000);
        double[][] unhurried = new double[n][];
        double[][] onTime = new double[n][];
        int unhurriedCount = 0;
        int onTimeCount = 0;
        for (int i = 0; i < n; i++) {
            if (windows[i] != null && (i == 0 || beatSamples[i] - beatSamples[i - 1] >= tWaveWindow)) {
                unhurried[i] = windows[i];
                unhurriedCount++;
                if (i > 0 && beatSamples[i] - beatSamples[i - 1] >= ON_TIME_RATIO * localMeanRr(beatSamples, i)) {
                    onTime[i] = windows[i];
                    onTimeCount++;
                }
            }
        }
        double[] allBeats = medianTemplate(unhurriedCount >= MINIMUM_TEMPLATE_BEATS ? unhurried : windows, length);
        // (only while they are not a minority: in group beating of one shape, e.g. short-short-long, a third of
        // the beats are on time, and a template of them alone would make the rest look different)
        // ... and while the beats that are not on time come singly, each followed by an on-time beat (a premature
        // beat and its pause), as in ectopy; not in fibrillation or group beating
        int early = 0;
        int earlyThenOnTime = 0;
        for (int i = 1; i < n - 1; i++) {
            if (unhurried[i] != null && onTime[i] == null) {
                early++;
                if (onTime[i + 1] != null) {
                    earlyThenOnTime++;
                }
            }
        }
        boolean fromOnTimeBeats = onTimeCount >= MINIMUM_ON_TIME_BEATS && onTimeCount >= ON_TIME_MINIMUM_SHARE * (n - 1)
                && earlyThenOnTime >= EARLY_THEN_ON_TIME_SHARE * early;
        double[] template = fromOnTimeBeats ? medianTemplate(onTime, length) : allBeats;
        BeatType[] types = new BeatType[n];
        double[] correlations = new double[n];
        if (template == null) {
            Arrays.fill(types, BeatType.UNKNOWN);
            Arrays.fill(correlations, Double.NaN);
            return new Classification(types, Double.NaN, correlations);
        }
        double templateWidth = qrsWidthMs(template, before, samplingRateHz);
        // the dominant QRS width reported (used by the wide-complex-tachycardia rule) stays that of all unhurried
        // beats: on short, noisy recordings a median of the few on-time beats is noisier and measures wider
        double dominantWidth = qrsWidthMs(allBeats, before, samplingRateHz);
        double templateSlope = maximumSlope(template);
        for (int i = 0; i < n; i++) {
            if (windows[i] == null) {
                types[i] = BeatType.UNKNOWN;
                correlations[i] = Double.NaN;
                continue;
            }
            // Detectors may place a beat on the R or on the S wave: compare at the best alignment within 40 ms.
            double c = correlation(windows[i], template);
            int shiftLimit = (int) Math.round(0.04 * samplingRateHz);
            for (int shift = -shiftLimit; shift <= shiftLimit; shift++) {
                double[] shifted = shift == 0 ? null : window(samplesMicrovolts, beatSamples[i] - before + shift, length);
                if (shifted != null) {
                    double cs = correlation(shifted, template);
                    if (cs > c) {
                        c = cs;
                        windows[i] = shifted;
                    }
                }
            }
            correlations[i] = c;
            double width = qrsWidthMs(windows[i], before, samplingRateHz);
            double prematurity = prematurity(beatSamples, i);
            boolean premature = prematurity < PREMATURE_RATIO;
            // Against the median a beat of bigeminy is premature or not depending on which interval the median
            // lands on; against the mean, which its own compensatory pause balances, it always is. (Only where the
            // on-time beats made the template: in group beating the mean is pulled up by the long intervals, and
            // every beat after a short one would look premature.)
            boolean earlyForItsCycle = premature || (fromOnTimeBeats && i > 0
                    && beatSamples[i] - beatSamples[i - 1] < 0.85 * localMeanRr(beatSamples, i));
            boolean wider = width >= templateWidth + 25 || width >= 130;
            double amplitudeRatio = range(windows[i]) / Math.max(1, range(template));
            // Width is required: on noisy single-lead recordings a low correlation alone is mostly noise.
            // A ventricular beat is at least as large as the dominant one; a small, different, wide deflection is
            // most often a T wave or noise taken for a beat, above all when it comes within 360 ms of the previous one.
            double sincePreviousMs = i == 0 ? Double.MAX_VALUE : (beatSamples[i] - beatSamples[i - 1]) * 1000 / samplingRateHz;
            // A T wave counted as a beat comes soon after the beat, unlike it, and with gentler slopes than any QRS
            // (tall T waves of single-lead recordings can be larger than the QRS, so amplitude alone does not tell).
            boolean tWave = sincePreviousMs < T_WAVE_WINDOW_MS && c < 0.7
                    && maximumSlope(windows[i]) < T_WAVE_SLOPE_RATIO * templateSlope;
            if (tWave || (c < 0.7 && amplitudeRatio < 0.5) || (c < 0.5 && amplitudeRatio < 1 && sincePreviousMs < 360)) {
                types[i] = BeatType.ARTEFACT;
            } else if (wider && (c < 0.7 || (earlyForItsCycle && c < 0.85))) {
                types[i] = BeatType.VENTRICULAR;
            } else if (premature && c >= 0.8) {
                types[i] = BeatType.SUPRAVENTRICULAR;
            } else {
                types[i] = BeatType.NORMAL;
            }
        }
        reclassifyByVentricularClasses(windows, types, correlations, template, beatSamples);
        return new Classification(types, dominantWidth, correlations);
    }

    /**
     * Second pass: beats classed ventricular are grouped into ventricular classes (one per ectopic shape), and a beat
     * classed dominant or supraventricular that resembles such a class's mean beat clearly more than the dominant
     * beat is ventricular too, when the class is made of several mostly premature beats unlike the dominant one. On one lead a ventricular beat can correlate 0.9 or more with the dominant beat (a
     * late-coupled PVC, a run's later beats, mitdb 223 and 203); what gives it away is that it correlates better still
     * with the beats of its own focus, as a Holter reader's template per class does.
     */
    static void reclassifyByVentricularClasses(double[][] windows, BeatType[] types, double[] correlations,
            double[] dominant, int[] beatSamples) {
        double[][] sums = new double[MAXIMUM_VENTRICULAR_CLASSES][];
        int[] members = new int[MAXIMUM_VENTRICULAR_CLASSES];
        int[] premature = new int[MAXIMUM_VENTRICULAR_CLASSES];
        int classes = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] != BeatType.VENTRICULAR || windows[i] == null) {
                continue;
            }
            int best = -1;
            double bestCorrelation = VENTRICULAR_CLASS_LIKENESS;
            for (int k = 0; k < classes; k++) {
                double c = correlation(windows[i], sums[k]);
                if (c >= bestCorrelation) {
                    bestCorrelation = c;
                    best = k;
                }
            }
            if (best < 0 && classes < MAXIMUM_VENTRICULAR_CLASSES) {
                best = classes++;
                sums[best] = new double[windows[i].length];
            }
            if (best >= 0) {
                members[best]++;
                if (prematurity(beatSamples, i) < PREMATURE_RATIO) {
                    premature[best]++;
                }
                for (int k = 0; k < windows[i].length; k++) {
                    sums[best][k] += windows[i][k];
                }
            }
        }
        // Only classes of several beats whose mean beat is clearly not the dominant one: in fast atrial fibrillation
        // rate-related aberrant beats (r 0.8-0.85 with the dominant beat, a few classed ventricular) would otherwise
        // make a class that pulls in every other aberrant beat (CinC 2017 A02900 then read VT). And only classes
        // whose beats mostly come early, as an ectopic focus fires: on noise, dominant beats distorted into
        // "ventricular" ones come on time, and a class of them pulls in more noisy dominant beats (nstdb 118e12 and
        // 118e06: 261 -> 439 ventricular beats on reference non-ventricular beats without this condition).
        boolean[] distinct = new boolean[classes];
        for (int k = 0; k < classes; k++) {
            distinct[k] = members[k] >= MINIMUM_VENTRICULAR_CLASS_BEATS
                    && premature[k] >= VENTRICULAR_CLASS_PREMATURE_SHARE * members[k]
                    && correlation(sums[k], dominant) < VENTRICULAR_CLASS_DOMINANT_LIKENESS;
        }
        for (int i = 0; i < types.length; i++) {
            if ((types[i] != BeatType.NORMAL && types[i] != BeatType.SUPRAVENTRICULAR) || windows[i] == null) {
                continue;
            }
            for (int k = 0; k < classes; k++) {
                if (distinct[k]) {
                    double c = correlation(windows[i], sums[k]);
                    if (c >= VENTRICULAR_CLASS_LIKENESS && c >= correlations[i] + VENTRICULAR_CLASS_MARGIN) {
                        types[i] = BeatType.VENTRICULAR;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Correlation of each beat with the beat before it on one lead (same window as the classification, best
     * alignment within 40 ms); NaN for the first beat and where a window leaves the signal. The beats of one
     * ventricular focus resemble each other; detections on noise, or beats whose class flips between dominant
     * and ventricular, do not.
     */
    public static double[] consecutiveCorrelations(int[] samplesMicrovolts, int[] beatSamples, double samplingRateHz) {
        return correlationsWithEarlierBeat(samplesMicrovolts, beatSamples, samplingRateHz, 1);
    }

    /**
     * As {@link #consecutiveCorrelations} against the beat {@code lag} beats before (NaN for the first {@code lag}
     * beats). With lag 2: in a bidirectional or alternating ventricular tachycardia every beat repeats the shape of
     * the beat two before it (A-B-A-B), which noise does not.
     */
    public static double[] correlationsWithEarlierBeat(int[] samplesMicrovolts, int[] beatSamples,
            double samplingRateHz, int lag) {
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be at least 1");
        }
        int n = beatSamples.length;
        int before = (int) Math.round(WINDOW_BEFORE_MS * samplingRateHz / 1000);
        int after = (int) Math.round(WINDOW_AFTER_MS * samplingRateHz / 1000);
        int length = before + after + 1;
        int shiftLimit = (int) Math.round(0.04 * samplingRateHz);
        double[] result = new double[n];
        Arrays.fill(result, Double.NaN);
        double[][] recent = new double[lag + 1][];
        for (int i = 0; i < n; i++) {
            double[] current = window(samplesMicrovolts, beatSamples[i] - before, length);
            double[] earlier = i < lag ? null : recent[(i - lag) % (lag + 1)];
            if (earlier != null && current != null) {
                double earlierEnergy = 0;
                for (double v : earlier) {
                    earlierEnergy += v * v;
                }
                double best = correlation(current, earlier);
                for (int shift = -shiftLimit; shift <= shiftLimit; shift++) {
                    int from = beatSamples[i] - before + shift;
                    if (shift != 0 && from >= 0 && from + length <= samplesMicrovolts.length) {
                        best = Math.max(best, correlationAt(samplesMicrovolts, from, earlier, earlierEnergy));
                    }
                }
                result[i] = best;
            }
            recent[i % (lag + 1)] = current;
        }
        return result;
    }

    /**
     * As {@code correlation(window(x, from, reference.length), reference)} for a mean-removed {@code reference} of
     * energy {@code referenceEnergy}, without building the window.
     */
    static double correlationAt(int[] x, int from, double[] reference, double referenceEnergy) {
        int length = reference.length;
        double sum = 0;
        double sumSquares = 0;
        double product = 0;
        for (int k = 0; k < length; k++) {
            double v = x[from + k];
            sum += v;
            sumSquares += v * v;
            product += v * reference[k];
        }
        double energy = sumSquares - sum * sum / length;
        // The reference sums to zero, so the window's mean drops out of the product.
        return energy <= 0 || referenceEnergy == 0 ? 0 : product / Math.sqrt(energy * referenceEnergy);
    }

    /** Mean-removed samples from {@code from}, or null when the window leaves the signal. */
    static double[] window(int[] x, int from, int length) {
        if (from < 0 || from + length > x.length) {
            return null;
        }
        double[] w = new double[length];
        double mean = 0;
        for (int k = 0; k < length; k++) {
            w[k] = x[from + k];
            mean += w[k];
        }
        mean /= length;
        for (int k = 0; k < length; k++) {
            w[k] -= mean;
        }
        return w;
    }

    /**
     * Mean of the RR intervals around beat {@code i} (up to four each side): a premature beat and its compensatory
     * pause average out to the sinus cycle, also where they alternate (bigeminy), where a median picks either.
     */
    static double localMeanRr(int[] beats, int i) {
        int from = Math.max(1, i - 4);
        int to = Math.min(beats.length - 1, i + 4);
        return (double) (beats[to] - beats[from - 1]) / (to - from + 1);
    }

    /** RR before the beat divided by the median of the surrounding RR intervals (1 when unknown). */
    static double prematurity(int[] beats, int i) {
        if (i == 0) {
            return 1;
        }
        double rr = beats[i] - beats[i - 1];
        int from = Math.max(1, i - 4);
        int to = Math.min(beats.length - 1, i + 4);
        double[] around = new double[to - from + 1];
        for (int k = from; k <= to; k++) {
            around[k - from] = beats[k] - beats[k - 1];
        }
        Arrays.sort(around);
        double median = around[around.length / 2];
        return median <= 0 ? 1 : rr / median;
    }

    static double[] medianTemplate(double[][] windows, int length) {
        int usable = 0;
        for (double[] w : windows) {
            if (w != null) {
                usable++;
            }
        }
        if (usable == 0) {
            return null;
        }
        double[] template = new double[length];
        double[] column = new double[usable];
        for (int k = 0; k < length; k++) {
            int c = 0;
            for (double[] w : windows) {
                if (w != null) {
                    column[c++] = w[k];
                }
            }
            Arrays.sort(column);
            template[k] = usable % 2 == 1 ? column[usable / 2] : (column[usable / 2 - 1] + column[usable / 2]) / 2;
        }
        return template;
    }

    /** Span where the slope exceeds a fifth of its maximum near the fiducial point. */
    static double qrsWidthMs(double[] w, int fiducial, double samplingRateHz) {
        int reach = (int) Math.round(0.12 * samplingRateHz);
        int from = Math.max(1, fiducial - reach);
        int to = Math.min(w.length - 2, fiducial + reach);
        double max = 0;
        double[] slope = new double[w.length];
        for (int k = from; k <= to; k++) {
            slope[k] = Math.abs(w[k + 1] - w[k - 1]);
            max = Math.max(max, slope[k]);
        }
        if (max == 0) {
            return 0;
        }
        int first = -1;
        int last = -1;
        for (int k = from; k <= to; k++) {
            if (slope[k] >= 0.2 * max) {
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        return (last - first + 2) * 1000 / samplingRateHz;
    }

    /** Largest absolute central difference, µV per two samples. */
    static double maximumSlope(double[] w) {
        double max = 0;
        for (int k = 1; k < w.length - 1; k++) {
            max = Math.max(max, Math.abs(w[k + 1] - w[k - 1]));
        }
        return max;
    }

    static double correlation(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static double range(double[] w) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
