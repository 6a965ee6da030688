package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * RR irregularity on sliding windows of the record, so that a paroxysm of fibrillation in part of a recording
 * is not averaged away by the regular rest. Intervals touching a ventricular beat are left out (as in
 * {@link RrIrregularity}).
 *
 * @param windows              windows measured (0 when there are too few intervals)
 * @param maximumMedianChange  largest median |ΔRR| / mean RR over the windows
 * @param minimumNearMedian    smallest share of intervals within 8 % of the window's median
 * @param maximumRdrCells      largest share of occupied relative RdR-map cells (4 % of the window's mean RR)
 * @param irregularShare       share of windows whose median |ΔRR| exceeds {@link #IRREGULAR_MEDIAN_CHANGE} of the
 *                             mean RR
 */
public record WindowedIrregularity(int windows, double maximumMedianChange, double minimumNearMedian,
        double maximumRdrCells, double irregularShare) {

    /** Intervals per window and step between windows. */
    static final int WINDOW = 12;
    static final int STEP = 3;
    /** A window whose median successive change exceeds this share of its mean RR counts as irregular. */
    static final double IRREGULAR_MEDIAN_CHANGE = 0.06;

    public static WindowedIrregularity unknown() {
        return new WindowedIrregularity(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public static WindowedIrregularity of(double[] beatTimesMs, BeatType[] types) {
        int n = beatTimesMs.length;
        double[] rr = new double[Math.max(0, n - 1)];
        int count = 0;
        for (int i = 1; i < n; i++) {
            boolean ectopic = types != null && (types[i] == BeatType.VENTRICULAR || types[i - 1] == BeatType.VENTRICULAR);
            if (!ectopic) {
                rr[count++] = beatTimesMs[i] - beatTimesMs[i - 1];
            }
        }
        return ofIntervals(Arrays.copyOf(rr, count));
    }

    public static WindowedIrregularity ofIntervals(double[] rrMs) {
        if (rrMs.length < RrIrregularity.MINIMUM_INTERVALS) {
            return unknown();
        }
        int window = Math.min(WINDOW, rrMs.length);
        double maxChange = 0;
        double minNear = 1;
        double maxCells = 0;
        int irregular = 0;
        int windows = 0;
        for (int start = 0; start + window <= rrMs.length; start += STEP) {
            double[] w = Arrays.copyOfRange(rrMs, start, start + window);
            double mean = Arrays.stream(w).average().orElse(1);
            double[] changes = new double[window - 1];
            for (int i = 1; i < window; i++) {
                changes[i - 1] = Math.abs(w[i] - w[i - 1]);
            }
            Arrays.sort(changes);
            double medianChange = changes[changes.length / 2] / mean;
            double[] sorted = w.clone();
            Arrays.sort(sorted);
            double median = sorted[window / 2];
            int near = 0;
            for (double v : w) {
                if (Math.abs(v - median) <= 0.08 * median) {
                    near++;
                }
            }
            maxChange = Math.max(maxChange, medianChange);
            minNear = Math.min(minNear, (double) near / window);
            maxCells = Math.max(maxCells, RrIrregularity.rdrCellFraction(w, 0.04 * mean));
            irregular += medianChange > IRREGULAR_MEDIAN_CHANGE ? 1 : 0;
            windows++;
        }
        return new WindowedIrregularity(windows, maxChange, minNear, maxCells, (double) irregular / windows);
    }
}
