package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Measures atrial activity on one lead: whether a consistent P wave precedes each QRS, and whether a periodic
 * atrial wave (flutter) runs between the QRS complexes.
 */
public final class AtrialActivityAnalyser {

    /** The P-wave search window before the beat fiducial. */
    static final double P_WINDOW_START_MS = 300;
    static final double P_WINDOW_END_MS = 70;
    /** Amplitude at which a consistent P template counts fully. */
    static final double FULL_P_AMPLITUDE_UV = 60;
    /** Longest stretch of signal examined for flutter waves. */
    static final double FLUTTER_ANALYSIS_MS = 20_000;

    private AtrialActivityAnalyser() {
    }

    public static AtrialActivity analyse(int[] samplesMicrovolts, int[] beatSamples, BeatType[] types,
            double samplingRateHz) {
        double pEvidence = pWaveEvidence(samplesMicrovolts, beatSamples, types, samplingRateHz);
        double[] flutter = flutterWaves(samplesMicrovolts, beatSamples, samplingRateHz);
        return new AtrialActivity(pEvidence, flutter[0], flutter[1]);
    }

    /**
     * Median pre-QRS segment of the dominant beats, and how well each beat's segment follows it: mean
     * correlation times an amplitude factor. NaN with fewer than three usable beats.
     */
    static double pWaveEvidence(int[] x, int[] beats, BeatType[] types, double fs) {
        if (beats.length < 4) {
            return Double.NaN;
        }
        int[] rr = new int[beats.length - 1];
        for (int i = 1; i < beats.length; i++) {
            rr[i - 1] = beats[i] - beats[i - 1];
        }
        Arrays.sort(rr);
        // The window starts after most of the previous T wave: at most 300 ms, at most half the usual RR.
        int start = (int) Math.round(Math.min(P_WINDOW_START_MS * fs / 1000, 0.5 * rr[rr.length / 2]));
        int end = (int) Math.round(P_WINDOW_END_MS * fs / 1000);
        int length = start - end + 1;
        double[][] segments = new double[beats.length][];
        int usable = 0;
        for (int i = 1; i < beats.length; i++) {
            if (types != null && types[i] != BeatType.NORMAL) {
                continue;
            }
            int from = beats[i] - start;
            if (from < 0 || from < beats[i - 1] + 0.4 * (beats[i] - beats[i - 1])) {
                continue;
            }
            double[] s = new double[length];
            double a = x[from];
            double b = x[from + length - 1];
            for (int k = 0; k < length; k++) {
                s[k] = x[from + k] - (a + (b - a) * k / (length - 1)); // remove the baseline drift across the window
            }
            segments[i] = s;
            usable++;
        }
        if (usable < 3) {
            return Double.NaN;
        }
        double[] template = BeatMorphology.medianTemplate(segments, length);
        double amplitude = Arrays.stream(template).map(Math::abs).max().orElse(0);
        double sum = 0;
        for (double[] s : segments) {
            if (s != null) {
                sum += Math.max(0, BeatMorphology.correlation(s, template));
            }
        }
        double consistency = sum / usable;
        return Math.min(1, consistency * Math.min(1, amplitude / FULL_P_AMPLITUDE_UV));
    }

    /**
     * Periodicity of the signal with the QRS complexes blanked and slow waves removed: {rate of the
     * strongest period in the flutter range (bpm), its strength}.
     */
    static double[] flutterWaves(int[] x, int[] beats, double fs) {
        int n = (int) Math.min(x.length, Math.round(FLUTTER_ANALYSIS_MS * fs / 1000));
        if (n < fs * 2 || beats.length < 2) {
            return new double[] { Double.NaN, 0 };
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i];
        }
        int blankBefore = (int) Math.round(0.06 * fs);
        int blankAfter = (int) Math.round(0.08 * fs);
        for (int beat : beats) {
            int from = Math.max(0, beat - blankBefore);
            int to = Math.min(n - 1, beat + blankAfter);
            if (from >= n) {
                break;
            }
            double a = y[from];
            double b = y[to];
            for (int k = from; k <= to; k++) {
                y[k] = to == from ? a : a + (b - a) * (k - from) / (to - from);
            }
        }
        // Remove slow waves (T waves, baseline) with a 150 ms moving average.
        int half = (int) Math.round(0.075 * fs);
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + y[i];
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(n - 1, i + half);
            z[i] = y[i] - (prefix[to + 1] - prefix[from]) / (to - from + 1);
        }
        double energy = 0;
        for (double v : z) {
            energy += v * v;
        }
        if (energy == 0) {
            return new double[] { Double.NaN, 0 };
        }
        int minLag = (int) Math.floor(fs * 60 / 380);
        int maxLag = (int) Math.ceil(fs * 60 / 240);
        double best = -1;
        int bestLag = -1;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double r = autocorrelation(z, lag, energy);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        // A periodic wave also correlates at twice its period and anti-correlates (or not) at half of it.
        double twice = autocorrelation(z, 2 * bestLag, energy);
        double halfLag = autocorrelation(z, bestLag / 2, energy);
        double strength = Math.max(0, Math.min(best, twice) - Math.max(0, halfLag));
        return new double[] { 60 * fs / bestLag, strength };
    }

    private static double autocorrelation(double[] z, int lag, double energy) {
        double sum = 0;
        for (int i = lag; i < z.length; i++) {
            sum += z[i] * z[i - lag];
        }
        return sum / energy * z.length / (z.length - lag);
    }
}
