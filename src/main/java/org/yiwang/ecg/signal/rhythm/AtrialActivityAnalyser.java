package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yiwang.ecg.signal.Biquad;

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
    /** Upper edge of the band in which flutter waves are looked for (their fundamental is 4–6.5 Hz). */
    static final double FLUTTER_BAND_HZ = 20;
    /** The QRS is blanked this much beyond its onset and offset on the median beat. */
    static final double QRS_BLANKING_MARGIN_MS = 20;
    /** How far from the fiducial the QRS extent is looked for, and the slope fraction that bounds it. */
    static final double QRS_SEARCH_MS = 200;
    static final double QRS_SLOPE_FRACTION = 0.25;
    /** Beats averaged into the median beat that bounds the QRS. */
    static final int MAXIMUM_TEMPLATE_BEATS = 40;
    /** A stretch counts as isoelectric while the flutter-band signal stays within this range. */
    static final double ISOELECTRIC_RANGE_MICROVOLTS = 30;
    /** Only this much of a long interval between beats is searched for an isoelectric stretch. */
    static final double ISOELECTRIC_LONGEST_INTERVAL_MS = 1500;

    private AtrialActivityAnalyser() {
    }

    /** Atrial activity on one lead: P waves and flutter waves both measured on it. */
    public static AtrialActivity analyse(int[] samplesMicrovolts, int[] beatSamples, BeatType[] types,
            double samplingRateHz) {
        return analyse(samplesMicrovolts, new int[][] { samplesMicrovolts }, beatSamples, types, samplingRateHz);
    }

    /**
     * Atrial activity with P waves measured on {@code pWaveLead} and flutter waves on {@code flutterLeads} (the
     * leads where atrial waves are largest, e.g. II, III, aVF and V1; all of the same length).
     */
    public static AtrialActivity analyse(int[] pWaveLead, int[][] flutterLeads, int[] beatSamples, BeatType[] types,
            double samplingRateHz) {
        double pEvidence = pWaveEvidence(pWaveLead, beatSamples, types, samplingRateHz);
        double[] flutter = flutterWaves(flutterLeads, beatSamples, samplingRateHz);
        return new AtrialActivity(pEvidence, flutter[0], flutter[1], flutter[2]);
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
     * Periodicity of the atrial activity between the QRS complexes, pooled over the given leads: {rate of the
     * strongest period in the flutter range (bpm), its strength}. Each lead is low-passed at
     * {@link #FLUTTER_BAND_HZ} first (flutter waves are a 4–6.5 Hz fundamental with a few harmonics; mains
     * interference at 50 or 60 Hz and its harmonics, muscle noise and white noise are periodic or broadband above
     * it: unfiltered, a 50 Hz hum at 500 Hz repeats every 10 samples and so correlates perfectly at every lag that is
     * a multiple of 10, inside the flutter range). The QRS complexes are blanked from their onset to their offset as
     * measured on the lead's own median beat, not over a fixed window around the beat fiducial, so the result does
     * not depend on where in the QRS the detector placed the beat. The normalised autocorrelation curves of the
     * leads are averaged, so a periodicity must be common to the leads, as atrial waves are.
     */
    static double[] flutterWaves(int[][] leads, int[] beats, double fs) {
        if (leads.length == 0) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        int n = (int) Math.min(leads[0].length, Math.round(FLUTTER_ANALYSIS_MS * fs / 1000));
        if (n < fs * 2 || beats.length < 2) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        int minLag = (int) Math.floor(fs * 60 / 380);
        int maxLag = (int) Math.ceil(fs * 60 / 240);
        List<double[]> residues = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        double[] isoelectric = new double[leads.length];
        int measured = 0;
        for (int[] x : leads) {
            double[] y = flutterBand(x, n, fs);
            int[] extent = qrsExtent(y, beats, fs);
            double flat = isoelectricMs(y, beats, extent, fs);
            if (!Double.isNaN(flat)) {
                isoelectric[measured++] = flat;
            }
            double[] z = flutterResidue(y, beats, extent, fs);
            double energy = 0;
            for (double v : z) {
                energy += v * v;
            }
            if (energy > 0) {
                residues.add(z);
                energies.add(energy);
            }
        }
        if (residues.isEmpty()) {
            return new double[] { Double.NaN, 0, Double.NaN };
        }
        double best = -1;
        int bestLag = -1;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double r = pooledAutocorrelation(residues, energies, lag);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        // A periodic wave also correlates at twice its period and anti-correlates (or not) at half of it.
        double twice = pooledAutocorrelation(residues, energies, 2 * bestLag);
        double halfLag = pooledAutocorrelation(residues, energies, bestLag / 2);
        double strength = Math.max(0, Math.min(best, twice) - Math.max(0, halfLag));
        Arrays.sort(isoelectric, 0, measured);
        double typicalFlat = measured == 0 ? Double.NaN : isoelectric[(measured - 1) / 2]; // lower median
        return new double[] { 60 * fs / bestLag, strength, typicalFlat };
    }

    /** The first {@code n} samples of one lead, low-passed (zero phase) to the flutter band. */
    static double[] flutterBand(int[] x, int n, double fs) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i];
        }
        if (FLUTTER_BAND_HZ < fs / 2) {
            Biquad lowPass = Biquad.lowPass(FLUTTER_BAND_HZ, fs, Math.sqrt(0.5));
            lowPass.zeroPhase(y);
            lowPass.zeroPhase(y);
        }
        return y;
    }

    /**
     * The median over beats of the longest stretch between the previous QRS offset and this QRS onset (each with
     * the blanking margin) in which the flutter-band signal stays within {@link #ISOELECTRIC_RANGE_MICROVOLTS}: the
     * TP and PR segments of a sinus beat, absent when flutter waves run continuously. NaN without two such
     * intervals.
     */
    static double isoelectricMs(double[] y, int[] beats, int[] extent, double fs) {
        int margin = (int) Math.round(QRS_BLANKING_MARGIN_MS * fs / 1000);
        int longestInterval = (int) Math.round(ISOELECTRIC_LONGEST_INTERVAL_MS * fs / 1000);
        double[] flats = new double[beats.length];
        int count = 0;
        for (int i = 1; i < beats.length; i++) {
            int from = beats[i - 1] + extent[1] + margin;
            int to = Math.min(beats[i] - extent[0] - margin, from + longestInterval);
            if (to >= y.length) {
                break;
            }
            if (to - from < 2) {
                flats[count++] = 0;
                continue;
            }
            flats[count++] = longestFlatStretch(y, from, to, ISOELECTRIC_RANGE_MICROVOLTS) * 1000 / fs;
        }
        if (count < 2) {
            return Double.NaN;
        }
        Arrays.sort(flats, 0, count);
        return flats[count / 2];
    }

    /** Length (samples) of the longest stretch of {@code y[from..to]} whose maximum and minimum differ by ≤ range. */
    static int longestFlatStretch(double[] y, int from, int to, double range) {
        int best = 0;
        int[] maxQueue = new int[to - from + 1];
        int[] minQueue = new int[to - from + 1];
        int maxHead = 0;
        int maxTail = 0;
        int minHead = 0;
        int minTail = 0;
        int start = from;
        for (int end = from; end <= to; end++) {
            while (maxTail > maxHead && y[maxQueue[maxTail - 1]] <= y[end]) {
                maxTail--;
            }
            maxQueue[maxTail++] = end;
            while (minTail > minHead && y[minQueue[minTail - 1]] >= y[end]) {
                minTail--;
            }
            minQueue[minTail++] = end;
            while (y[maxQueue[maxHead]] - y[minQueue[minHead]] > range) {
                start++;
                if (maxQueue[maxHead] < start) {
                    maxHead++;
                }
                if (minQueue[minHead] < start) {
                    minHead++;
                }
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /**
     * One lead's flutter-band signal with the QRS complexes blanked (linear interpolation from QRS onset to offset,
     * {@code extent} from {@link #qrsExtent}) and slow waves (T waves, baseline) removed with a 150 ms moving average.
     */
    static double[] flutterResidue(double[] band, int[] beats, int[] extent, double fs) {
        int n = band.length;
        double[] y = band.clone();
        int margin = (int) Math.round(QRS_BLANKING_MARGIN_MS * fs / 1000);
        int blankBefore = extent[0] + margin;
        int blankAfter = extent[1] + margin;
        for (int beat : beats) {
            int from = Math.max(0, beat - blankBefore);
            int to = Math.min(n - 1, beat + blankAfter);
            if (from >= n) {
                break;
            }
            if (to < 0) {
                continue;
            }
            double a = y[from];
            double b = y[to];
            for (int k = from; k <= to; k++) {
                y[k] = to == from ? a : a + (b - a) * (k - from) / (to - from);
            }
        }
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
        return z;
    }

    /**
     * {samples from the beat fiducial back to QRS onset, samples from the fiducial on to QRS offset} on the median
     * beat of {@code y}: the contiguous stretch around the steepest slope where the template's slope stays above
     * {@link #QRS_SLOPE_FRACTION} of its maximum. Falls back to 60 ms before and 80 ms after the fiducial.
     */
    static int[] qrsExtent(double[] y, int[] beats, double fs) {
        int reach = (int) Math.round(QRS_SEARCH_MS * fs / 1000);
        int length = 2 * reach + 1;
        int count = Math.min(beats.length, MAXIMUM_TEMPLATE_BEATS);
        double[][] windows = new double[count][];
        int usable = 0;
        for (int i = 0; i < count; i++) {
            int from = beats[i] - reach;
            if (from >= 0 && from + length <= y.length) {
                windows[i] = Arrays.copyOfRange(y, from, from + length);
                usable++;
            }
        }
        int[] fallback = { (int) Math.round(0.06 * fs), (int) Math.round(0.08 * fs) };
        if (usable < 2) {
            return fallback;
        }
        double[] template = BeatMorphology.medianTemplate(windows, length);
        double[] slope = new double[length];
        int steepest = reach;
        for (int k = 1; k < length - 1; k++) {
            slope[k] = Math.abs(template[k + 1] - template[k - 1]);
        }
        int inner = (int) Math.round(0.1 * fs);
        for (int k = Math.max(1, reach - inner); k <= Math.min(length - 2, reach + inner); k++) {
            if (slope[k] > slope[steepest]) {
                steepest = k;
            }
        }
        if (slope[steepest] <= 0) {
            return fallback;
        }
        double limit = QRS_SLOPE_FRACTION * slope[steepest];
        int gap = Math.max(1, (int) Math.round(0.012 * fs)); // a Q or S wave turns: the slope dips briefly
        int onset = steepest;
        for (int k = steepest, quiet = 0; k >= 1 && quiet < gap; k--) {
            if (slope[k] >= limit) {
                onset = k;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        int offset = steepest;
        for (int k = steepest, quiet = 0; k <= length - 2 && quiet < gap; k++) {
            if (slope[k] >= limit) {
                offset = k;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return new int[] { Math.max(0, reach - onset), Math.max(0, offset - reach) };
    }

    /** Mean over the leads of each lead's normalised autocorrelation at {@code lag}. */
    private static double pooledAutocorrelation(List<double[]> residues, List<Double> energies,
            int lag) {
        double sum = 0;
        for (int i = 0; i < residues.size(); i++) {
            sum += autocorrelation(residues.get(i), lag, energies.get(i));
        }
        return sum / residues.size();
    }

    private static double autocorrelation(double[] z, int lag, double energy) {
        double sum = 0;
        for (int i = lag; i < z.length; i++) {
            sum += z[i] * z[i - lag];
        }
        return sum / energy * z.length / (z.length - lag);
    }
}
