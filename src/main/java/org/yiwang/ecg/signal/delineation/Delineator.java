package org.yiwang.ecg.signal.delineation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delineates the dominant beat of a multi-lead resting ECG on median beat templates: QRS onset and offset
 * from the spatial velocity of all usable leads, the P wave from the spatial amplitude before the QRS, T end
 * per lead by the tangent method (steepest slope after the T peak meets the PR baseline), and ST deviation
 * per lead at J+60 and J+80 ms against the PR baseline. Pure and stateless.
 */
public final class Delineator {

    static final double TEMPLATE_BEFORE_MS = 400;
    static final double TEMPLATE_AFTER_MS = 700;
    /** Fraction of the peak spatial velocity that bounds the QRS. */
    static final double QRS_ONSET_FRACTION = 0.03;
    static final double QRS_OFFSET_FRACTION = 0.06;
    /** A velocity dip under this fraction of the peak, with another wave beyond it, also ends the QRS. */
    static final double QRS_DIP_FRACTION = 0.05;
    /** Fraction of the P peak's spatial amplitude that bounds the P wave. */
    static final double P_BOUND_FRACTION = 0.2;
    /** Smallest P wave (spatial amplitude per lead, µV) accepted as present. */
    static final double MINIMUM_P_MICROVOLTS = 35;
    /** The P wave is looked for from this long after the previous beat's T end. */
    static final double P_AFTER_T_END_MS = 20;
    /** Smallest T wave (µV) whose end is measured. */
    static final double MINIMUM_T_MICROVOLTS = 60;

    private Delineator() {
    }

    /**
     * @param samplesMicrovolts [lead][sample]
     * @param leadNames         names of the leads
     * @param beatSamples       beats of the dominant morphology to average (ascending)
     * @param usableLeads       false for leads whose signal is unusable (withheld), or null for all usable
     */
    public static Delineation delineate(int[][] samplesMicrovolts, List<String> leadNames, double samplingRateHz,
            int[] beatSamples, boolean[] usableLeads) {
        return delineate(samplesMicrovolts, leadNames, samplingRateHz, beatSamples, usableLeads,
                medianRrMs(beatSamples, samplingRateHz));
    }

    /**
     * As {@link #delineate(int[][], List, double, int[], boolean[])} with the cycle length given: the median RR
     * between consecutive beats of the recording (used for QTc and to bound the T and P searches), which the
     * averaged beats alone do not show when ectopic beats sit between them.
     */
    public static Delineation delineate(int[][] samplesMicrovolts, List<String> leadNames, double samplingRateHz,
            int[] beatSamples, boolean[] usableLeads, double medianRrMs) {
        return delineate(samplesMicrovolts, leadNames, samplingRateHz, beatSamples, usableLeads, medianRrMs, Double.NaN);
    }

    /**
     * As {@link #delineate(int[][], List, double, int[], boolean[], double)}, with the T-wave end searched no later
     * than {@code tSearchLimitMs} after the R peak (NaN: no limit beyond the cycle length): where every averaged beat is
     * followed by a premature beat (ventricular bigeminy), that beat sits in the template's T region.
     */
    public static Delineation delineate(int[][] samplesMicrovolts, List<String> leadNames, double samplingRateHz,
            int[] beatSamples, boolean[] usableLeads, double medianRrMs, double tSearchLimitMs) {
        int leads = samplesMicrovolts.length;
        if (leadNames.size() != leads) {
            throw new IllegalArgumentException("lead names and signals differ in number");
        }
        double fs = samplingRateHz;
        int before = (int) Math.round(TEMPLATE_BEFORE_MS * fs / 1000);
        int after = (int) Math.round(TEMPLATE_AFTER_MS * fs / 1000);
        List<String> withheld = new ArrayList<>();
        double[][] templates = new double[leads][];
        int averaged = 0;
        for (int lead = 0; lead < leads; lead++) {
            if (usableLeads != null && !usableLeads[lead]) {
                withheld.add(leadNames.get(lead));
                continue;
            }
            int[] x = samplesMicrovolts[lead];
            List<int[]> windows = new ArrayList<>();
            for (int beat : beatSamples) {
                if (beat - before >= 0 && beat + after < x.length) {
                    windows.add(Arrays.copyOfRange(x, beat - before, beat + after + 1));
                }
            }
            if (windows.size() < 1) {
                continue;
            }
            averaged = windows.size();
            templates[lead] = smooth(medianOf(windows, before + after + 1), Math.max(1, (int) Math.round(0.004 * fs)));
        }
        List<StMeasurement> st = new ArrayList<>();
        if (averaged == 0) {
            for (String name : leadNames) {
                st.add(StMeasurement.withheld(name));
            }
            WaveBoundaries none = new WaveBoundaries(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
            return new Delineation(none, Intervals.of(none, medianRrMs), st, withheld, 0);
        }
        int length = before + after + 1;
        double[] velocity = spatialVelocity(templates, length);
        // QRS: the velocity peak within 100 ms of the fiducial, bounded where the velocity falls to a fraction of it.
        int reach = (int) Math.round(0.1 * fs);
        int peak = before;
        for (int k = Math.max(1, before - reach); k <= Math.min(length - 2, before + reach); k++) {
            if (velocity[k] > velocity[peak]) {
                peak = k;
            }
        }
        double peakVelocity = velocity[peak];
        int strongFirst = peak;
        int strongLast = peak;
        for (int k = Math.max(1, before - reach); k <= Math.min(length - 2, before + reach); k++) {
            if (velocity[k] >= 0.3 * peakVelocity) {
                strongFirst = Math.min(strongFirst, k);
                strongLast = Math.max(strongLast, k);
            }
        }
        // Walk out of the QRS until the velocity stays low for 10 ms (a Q or S wave turns without ending the QRS).
        int quiet = Math.max(2, (int) Math.round(0.01 * fs));
        int limitBefore = Math.max(1, strongFirst - (int) Math.round(0.08 * fs));
        int qrsOnset = -1;
        for (int k = strongFirst; k >= limitBefore; k--) {
            if (allBelow(velocity, k - quiet + 1, k, QRS_ONSET_FRACTION * peakVelocity)
                    || dipBeforeAnotherWave(velocity, k, -1, quiet, peakVelocity)) {
                qrsOnset = k;
                break;
            }
        }
        if (qrsOnset < 0) {
            // Never quiet before the QRS (flutter waves, noise): it starts at the quietest point before its strong part.
            qrsOnset = quietest(velocity, limitBefore, strongFirst);
        }
        int limitAfter = Math.min(length - 2, strongLast + (int) Math.round(0.1 * fs));
        int qrsOffset = -1;
        for (int k = strongLast; k <= limitAfter; k++) {
            if (allBelow(velocity, k, k + quiet - 1, QRS_OFFSET_FRACTION * peakVelocity)
                    || dipBeforeAnotherWave(velocity, k, +1, quiet, peakVelocity)) {
                qrsOffset = k;
                break;
            }
        }
        if (qrsOffset < 0) {
            qrsOffset = quietest(velocity, strongLast, limitAfter);
        }
        // PR baseline per lead: the flattest 20 ms in the 80 ms before QRS onset.
        int baselineLength = Math.max(2, (int) Math.round(0.02 * fs));
        int baselineFrom = flattestWindow(velocity, Math.max(1, qrsOnset - (int) Math.round(0.08 * fs)), qrsOnset,
                baselineLength);
        double[] baseline = new double[leads];
        for (int lead = 0; lead < leads; lead++) {
            if (templates[lead] != null) {
                baseline[lead] = mean(templates[lead], baselineFrom, baselineFrom + baselineLength);
            }
        }

        double toMs = 1000 / fs;
        int j60 = qrsOffset + (int) Math.round(0.06 * fs);
        int j80 = qrsOffset + (int) Math.round(0.08 * fs);
        double tSearchMs = Math.min(0.9 * medianRrMs, TEMPLATE_AFTER_MS - 20);
        if (tSearchLimitMs > 0) {
            tSearchMs = Math.min(tSearchMs, tSearchLimitMs);
        }
        int tSearchEnd = Math.min(length - 2, before + (int) Math.round(tSearchMs * fs / 1000));
        List<Double> tEnds = new ArrayList<>();
        double tPeakOfLargest = Double.NaN;
        double largestT = 0;
        for (int lead = 0; lead < leads; lead++) {
            double[] t = templates[lead];
            if (t == null) {
                st.add(StMeasurement.withheld(leadNames.get(lead)));
                continue;
            }
            double[] tWave = tEnd(t, baseline[lead], qrsOffset, tSearchEnd, fs);
            // the tangent may reach past the search's end; past a given limit lies the next beat: not measurable
            boolean pastLimit = tSearchLimitMs > 0 && tWave[1] > tSearchEnd;
            double tEndMs = Double.isNaN(tWave[1]) || pastLimit ? Double.NaN : (tWave[1] - before) * toMs;
            if (!Double.isNaN(tEndMs)) {
                tEnds.add(tEndMs);
                if (Math.abs(tWave[2]) > largestT) {
                    largestT = Math.abs(tWave[2]);
                    tPeakOfLargest = (tWave[0] - before) * toMs;
                }
            }
            st.add(new StMeasurement(leadNames.get(lead), true, round(t[qrsOffset] - baseline[lead]),
                    round(valueAt(t, j60) - baseline[lead]), round(valueAt(t, j80) - baseline[lead]),
                    tEndMs));
        }
        double globalTEnd = Double.NaN;
        if (!tEnds.isEmpty()) {
            double[] sorted = tEnds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            // The QT is measured to the latest T end; the 75th percentile keeps one odd lead from stretching it.
            globalTEnd = sorted[(int) Math.floor(0.75 * (sorted.length - 1))];
        }
        // The P wave is looked for after the previous beat's T wave: its end lies one RR before this beat's T end.
        int earliestP = 1;
        if (!Double.isNaN(globalTEnd) && !Double.isNaN(medianRrMs)) {
            earliestP = Math.max(1, before + (int) Math.round((globalTEnd - medianRrMs + P_AFTER_T_END_MS) * fs / 1000));
        }
        int[] p = pWave(templates, baseline, qrsOnset, earliestP, fs, length);
        WaveBoundaries boundaries = new WaveBoundaries(p == null ? Double.NaN : (p[0] - before) * toMs,
                p == null ? Double.NaN : (p[1] - before) * toMs, (qrsOnset - before) * toMs, (qrsOffset - before) * toMs,
                tPeakOfLargest, globalTEnd);
        return new Delineation(boundaries, Intervals.of(boundaries, medianRrMs), st, withheld, averaged);
    }

    /**
     * Whether the QRS ends at {@code k} walking in {@code direction} although the velocity is not quiet: a low
     * local minimum (under {@link #QRS_DIP_FRACTION} of the peak) after which, further out, the velocity rises again
     * to at least twice the minimum: another wave (a flutter wave's upstroke, a P wave running into the QRS) begins
     * there, and walking on would take it into the QRS.
     */
    private static boolean dipBeforeAnotherWave(double[] v, int k, int direction, int span, double peakVelocity) {
        if (k - 1 < 0 || k + 1 >= v.length || v[k] > QRS_DIP_FRACTION * peakVelocity
                || v[k] > v[k - 1] || v[k] > v[k + 1]) {
            return false;
        }
        for (int j = 1; j <= 2 * span; j++) {
            int i = k + direction * j;
            if (i < 0 || i >= v.length) {
                return false;
            }
            if (v[i] >= 2 * v[k] && v[i] >= QRS_ONSET_FRACTION * peakVelocity * 2) {
                return true;
            }
        }
        return false;
    }

    /** Index of the smallest velocity in {@code from..to} (the later one on ties). */
    private static int quietest(double[] v, int from, int to) {
        int best = to;
        for (int k = to; k >= from; k--) {
            if (v[k] < v[best]) {
                best = k;
            }
        }
        return best;
    }

    private static boolean allBelow(double[] v, int from, int to, double limit) {
        for (int k = Math.max(0, from); k <= Math.min(v.length - 1, to); k++) {
            if (v[k] > limit) {
                return false;
            }
        }
        return true;
    }

    static double medianRrMs(int[] beats, double fs) {
        if (beats.length < 2) {
            return Double.NaN;
        }
        double[] rr = new double[beats.length - 1];
        for (int i = 1; i < beats.length; i++) {
            rr[i - 1] = (beats[i] - beats[i - 1]) * 1000 / fs;
        }
        Arrays.sort(rr);
        return rr[rr.length / 2];
    }

    private static double valueAt(double[] t, int k) {
        return k < t.length ? t[k] : Double.NaN;
    }

    /** {P onset, P offset} template indices, or null when no P wave stands out. */
    static int[] pWave(double[][] templates, double[] baseline, int qrsOnset, int earliest, double fs, int length) {
        int from = Math.max(earliest, qrsOnset - (int) Math.round(0.3 * fs));
        int to = qrsOnset - (int) Math.round(0.02 * fs);
        if (to - from < 0.05 * fs) {
            return null;
        }
        double[] amplitude = new double[length];
        int leads = 0;
        for (int lead = 0; lead < templates.length; lead++) {
            double[] t = templates[lead];
            if (t == null) {
                continue;
            }
            leads++;
            // Deviation from the PR baseline, with the drift across the window removed.
            double a = t[from] - baseline[lead];
            for (int k = from; k <= to; k++) {
                double drift = a * (to - k) / (to - from);
                double v = t[k] - baseline[lead] - drift;
                amplitude[k] += v * v;
            }
        }
        int peak = from;
        for (int k = from; k <= to; k++) {
            amplitude[k] = Math.sqrt(amplitude[k] / leads);
            if (amplitude[k] > amplitude[peak]) {
                peak = k;
            }
        }
        if (amplitude[peak] < MINIMUM_P_MICROVOLTS || peak == from || peak == to) {
            return null;
        }
        double bound = P_BOUND_FRACTION * amplitude[peak];
        int onset = peak;
        while (onset > from && amplitude[onset - 1] > bound) {
            onset--;
        }
        int offset = peak;
        while (offset < to && amplitude[offset + 1] > bound) {
            offset++;
        }
        if (onset == from) {
            return null; // the wave runs out of the window: more likely the previous T wave than a P wave
        }
        return new int[] { onset, offset };
    }

    /** {T peak index, T end index (NaN if flat), T amplitude} by the tangent method. */
    static double[] tEnd(double[] t, double baseline, int qrsOffset, int searchEnd, double fs) {
        int from = qrsOffset + (int) Math.round(0.08 * fs);
        int to = Math.min(searchEnd, qrsOffset + (int) Math.round(0.5 * fs));
        if (to - from < 0.1 * fs) {
            return new double[] { Double.NaN, Double.NaN, 0 };
        }
        // The ST level slopes into the T wave; measure the T peak against the line from J+80 ms to the window end.
        int peak = from;
        for (int k = from; k <= to; k++) {
            if (Math.abs(t[k] - baseline) > Math.abs(t[peak] - baseline)) {
                peak = k;
            }
        }
        double amplitude = t[peak] - baseline;
        if (Math.abs(amplitude) < MINIMUM_T_MICROVOLTS || peak >= to - 2) {
            return new double[] { peak, Double.NaN, amplitude };
        }
        double sign = Math.signum(amplitude);
        int slopeEnd = Math.min(t.length - 2, peak + (int) Math.round(0.2 * fs));
        int steepest = peak + 1;
        double steepestSlope = 0;
        for (int k = peak + 1; k <= slopeEnd; k++) {
            double slope = (t[k + 1] - t[k - 1]) / 2; // per sample
            if (-sign * slope > steepestSlope) {
                steepestSlope = -sign * slope;
                steepest = k;
            }
        }
        if (steepestSlope <= 0) {
            return new double[] { peak, Double.NaN, amplitude };
        }
        double slope = (t[steepest + 1] - t[steepest - 1]) / 2;
        double end = steepest + (baseline - t[steepest]) / slope;
        end = Math.max(steepest, Math.min(end, peak + 0.3 * fs));
        return new double[] { peak, end, amplitude };
    }

    static double[] spatialVelocity(double[][] templates, int length) {
        double[] v = new double[length];
        for (double[] t : templates) {
            if (t == null) {
                continue;
            }
            for (int k = 1; k < length - 1; k++) {
                v[k] += Math.abs(t[k + 1] - t[k - 1]);
            }
        }
        return v;
    }

    private static int flattestWindow(double[] velocity, int from, int to, int length) {
        int best = Math.max(0, to - length);
        double bestSum = Double.MAX_VALUE;
        for (int start = from; start + length <= to; start++) {
            double sum = 0;
            for (int k = start; k < start + length; k++) {
                sum += velocity[k];
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = start;
            }
        }
        return best;
    }

    static double[] medianOf(List<int[]> windows, int length) {
        double[] template = new double[length];
        int n = windows.size();
        int[] column = new int[n];
        for (int k = 0; k < length; k++) {
            for (int i = 0; i < n; i++) {
                column[i] = windows.get(i)[k];
            }
            Arrays.sort(column);
            template[k] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2.0;
        }
        return template;
    }

    /** Centred moving average over 2*half+1 samples. */
    static double[] smooth(double[] x, int half) {
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, k - half); j <= Math.min(x.length - 1, k + half); j++) {
                sum += x[j];
                count++;
            }
            y[k] = sum / count;
        }
        return y;
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += x[k];
        }
        return sum / (to - from);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }
}
