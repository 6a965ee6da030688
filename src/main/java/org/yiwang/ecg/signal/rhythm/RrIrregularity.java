package org.yiwang.ecg.signal.rhythm;

import java.util.Arrays;

/**
 * Irregularity features of a series of RR intervals, the inputs of the atrial-fibrillation model. Intervals
 * touching a ventricular beat are left out before the features are computed, so that isolated ectopy does
 * not look like fibrillation.
 *
 * @param intervals            RR intervals used
 * @param meanRrMs             mean RR interval
 * @param normalizedRmssd      RMSSD / mean RR
 * @param medianAbsoluteSuccessiveChange median of |RR(i+1) - RR(i)| / mean RR (robust to sporadic ectopy)
 * @param coefficientOfSampleEntropy CoSEn (Lake and Moorman 2011): SampEn(m=1, r=30 ms) + ln(2r) - ln(mean RR), seconds
 * @param turningPointRatio    fraction of interior intervals that are local extrema (random series: 2/3)
 * @param shannonEntropy       Shannon entropy (bits) of the 16-bin histogram of the RR intervals, outliers trimmed
 * @param fractionLargeChanges fraction of successive changes larger than 50 ms or 10 % of the mean RR
 * @param fractionNearMedian   fraction of intervals within 8 % of the median interval (high for a regular
 *                             rhythm even with ectopic beats, low in fibrillation)
 * @param poincareRatio        SD1 / SD2 of the Poincaré plot (RR(i+1) against RR(i)): near 1 for the
 *                             uncorrelated intervals of fibrillation, small for slow rate drift
 * @param lag1Autocorrelation  autocorrelation of the RR series at lag 1 (bigeminy: strongly negative; AF: near 0)
 * @param rdrCellFraction      RdR map (Lian et al. 2011): distinct 25 ms × 25 ms cells occupied by the points
 *                             (RR(i), RR(i) − RR(i−1)), divided by the number of points (dispersed in AF, a few
 *                             clusters with regular rhythm or ectopy)
 * @param relativeRdrCellFraction the same with cells of 4 % of the mean RR (rate-independent)
 * @param ectopicPatternFraction share of the large changes where a short and a long interval add up to about two
 *                             median intervals (premature beat with compensatory pause)
 * @param outlierFraction      share of intervals shorter than 0.6 or longer than 1.6 median intervals (missed or
 *                             extra detections, pauses)
 * @param heartRateBpm         60,000 / mean RR
 * @param ventricularFraction  share of the beats classed ventricular (0 when the classes are unknown)
 * @param supraventricularFraction share of the beats classed supraventricular (premature, dominant shape)
 */
public record RrIrregularity(int intervals, double meanRrMs, double normalizedRmssd,
        double medianAbsoluteSuccessiveChange, double coefficientOfSampleEntropy, double turningPointRatio,
        double shannonEntropy, double fractionLargeChanges, double fractionNearMedian, double poincareRatio,
        double lag1Autocorrelation, double rdrCellFraction, double relativeRdrCellFraction,
        double ectopicPatternFraction, double outlierFraction, double heartRateBpm, double ventricularFraction,
        double supraventricularFraction) {

    /** Fewer intervals than this and the features are not meaningful. */
    public static final int MINIMUM_INTERVALS = 8;

    /** Sample-entropy tolerance, seconds. */
    static final double SAMPLE_ENTROPY_TOLERANCE_S = 0.030;

    /** Features as a vector, in the order the AF model expects. */
    public double[] vector() {
        return new double[] { normalizedRmssd, medianAbsoluteSuccessiveChange, coefficientOfSampleEntropy,
                turningPointRatio, shannonEntropy, fractionLargeChanges, fractionNearMedian, poincareRatio,
                lag1Autocorrelation, rdrCellFraction, relativeRdrCellFraction, ectopicPatternFraction, outlierFraction,
                heartRateBpm, ventricularFraction, supraventricularFraction };
    }

    /** Names of {@link #vector()}'s entries. */
    public static final String[] FEATURE_NAMES = { "nRMSSD", "medianDeltaRR", "CoSEn", "TPR", "shannon",
            "fractionLargeChanges", "fractionNearMedian", "SD1/SD2", "lag1Autocorrelation", "RdRCells",
            "relativeRdRCells", "ectopicPattern", "outliers", "heartRate", "ventricularFraction",
            "supraventricularFraction" };

    public boolean sufficient() {
        return intervals >= MINIMUM_INTERVALS;
    }

    /**
     * Features of the intervals between consecutive beats.
     *
     * @param beatTimesMs beat times in ascending order
     * @param types       morphology of each beat (same length), or null if unknown (all treated as normal)
     */
    public static RrIrregularity of(double[] beatTimesMs, BeatType[] types) {
        int n = beatTimesMs.length;
        if (types != null && types.length != n) {
            throw new IllegalArgumentException("beat times and types differ in length: " + n + " vs " + types.length);
        }
        double[] rr = new double[Math.max(0, n - 1)];
        int count = 0;
        int ventricular = 0;
        int supraventricular = 0;
        for (int i = 0; types != null && i < n; i++) {
            if (types[i] == BeatType.VENTRICULAR) {
                ventricular++;
            } else if (types[i] == BeatType.SUPRAVENTRICULAR) {
                supraventricular++;
            }
        }
        for (int i = 1; i < n; i++) {
            double interval = beatTimesMs[i] - beatTimesMs[i - 1];
            if (interval <= 0) {
                throw new IllegalArgumentException("beat times must increase (beat " + i + ")");
            }
            boolean ectopic = types != null && (types[i] == BeatType.VENTRICULAR || types[i - 1] == BeatType.VENTRICULAR);
            if (!ectopic) {
                rr[count++] = interval;
            }
        }
        return of(Arrays.copyOf(rr, count), n == 0 ? 0 : (double) ventricular / n,
                n == 0 ? 0 : (double) supraventricular / n);
    }

    /** Features of the given RR intervals (milliseconds, in order). */
    public static RrIrregularity ofIntervals(double[] rrMs) {
        return of(rrMs, 0, 0);
    }

    private static RrIrregularity of(double[] rrMs, double ventricularFraction, double supraventricularFraction) {
        int n = rrMs.length;
        if (n < 3) {
            double mean = n == 0 ? Double.NaN : Arrays.stream(rrMs).average().orElse(Double.NaN);
            return new RrIrregularity(n, mean, 0, 0, -3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 60_000 / mean,
                    ventricularFraction, supraventricularFraction);
        }
        double mean = 0;
        for (double v : rrMs) {
            mean += v;
        }
        mean /= n;
        double sumSquares = 0;
        double[] absoluteChanges = new double[n - 1];
        int large = 0;
        double largeLimit = Math.max(50, 0.10 * mean);
        for (int i = 1; i < n; i++) {
            double d = rrMs[i] - rrMs[i - 1];
            sumSquares += d * d;
            absoluteChanges[i - 1] = Math.abs(d);
            if (Math.abs(d) > largeLimit) {
                large++;
            }
        }
        double rmssd = Math.sqrt(sumSquares / (n - 1));
        Arrays.sort(absoluteChanges);
        double medianChange = median(absoluteChanges);
        int turningPoints = 0;
        for (int i = 1; i < n - 1; i++) {
            if ((rrMs[i] > rrMs[i - 1] && rrMs[i] > rrMs[i + 1]) || (rrMs[i] < rrMs[i - 1] && rrMs[i] < rrMs[i + 1])) {
                turningPoints++;
            }
        }
        double[] sortedRr = rrMs.clone();
        Arrays.sort(sortedRr);
        double medianRr = median(sortedRr);
        int near = 0;
        for (double v : rrMs) {
            if (Math.abs(v - medianRr) <= 0.08 * medianRr) {
                near++;
            }
        }
        int ectopic = 0;
        for (int i = 1; i < n; i++) {
            if (Math.abs(rrMs[i] - rrMs[i - 1]) > largeLimit && Math.abs(rrMs[i] + rrMs[i - 1] - 2 * medianRr) < 0.1 * medianRr) {
                ectopic++;
            }
        }
        int outliers = 0;
        for (double v : rrMs) {
            if (v > 1.6 * medianRr || v < 0.6 * medianRr) {
                outliers++;
            }
        }
        return new RrIrregularity(n, mean, rmssd / mean, medianChange / mean,
                coefficientOfSampleEntropy(rrMs, mean), (double) turningPoints / (n - 2), shannonEntropy(rrMs),
                (double) large / (n - 1), (double) near / n, poincareRatio(rrMs, mean), lag1Autocorrelation(rrMs, mean),
                rdrCellFraction(rrMs, 25), rdrCellFraction(rrMs, 0.04 * mean),
                large == 0 ? 0 : (double) ectopic / large, (double) outliers / n, 60_000 / mean,
                ventricularFraction, supraventricularFraction);
    }

    /** SD1 / SD2 of the Poincaré plot. */
    static double poincareRatio(double[] rrMs, double mean) {
        int n = rrMs.length;
        double variance = 0;
        for (double v : rrMs) {
            variance += (v - mean) * (v - mean);
        }
        variance /= n - 1;
        double meanChange = (rrMs[n - 1] - rrMs[0]) / (n - 1);
        double changeVariance = 0;
        for (int i = 1; i < n; i++) {
            double d = rrMs[i] - rrMs[i - 1] - meanChange;
            changeVariance += d * d;
        }
        changeVariance /= Math.max(1, n - 2);
        double sd1 = Math.sqrt(changeVariance / 2);
        // SD2 of at least 1 ms and a ratio of at most 5, so a perfectly steady series does not dominate the scale.
        double sd2 = Math.sqrt(Math.max(1, 2 * variance - changeVariance / 2));
        return Math.min(5, sd1 / sd2);
    }

    static double lag1Autocorrelation(double[] rrMs, double mean) {
        int n = rrMs.length;
        double variance = 0;
        double covariance = 0;
        for (int i = 0; i < n; i++) {
            variance += (rrMs[i] - mean) * (rrMs[i] - mean);
            if (i > 0) {
                covariance += (rrMs[i] - mean) * (rrMs[i - 1] - mean);
            }
        }
        return variance > 0 ? covariance * n / ((n - 1) * variance) : 0;
    }

    /** Occupied cells of the RdR map (RR(i), RR(i) - RR(i-1)) with the given cell size, per point. */
    static double rdrCellFraction(double[] rrMs, double cellMs) {
        java.util.Set<Long> cells = new java.util.HashSet<>();
        for (int i = 1; i < rrMs.length; i++) {
            long x = (long) Math.floor(rrMs[i] / cellMs);
            long y = (long) Math.floor((rrMs[i] - rrMs[i - 1]) / cellMs);
            cells.add(x * 1_000_003L + y);
        }
        return (double) cells.size() / (rrMs.length - 1);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** SampEn with m = 1 and a fixed tolerance, corrected for the tolerance and the mean interval (CoSEn). */
    static double coefficientOfSampleEntropy(double[] rrMs, double meanMs) {
        double r = SAMPLE_ENTROPY_TOLERANCE_S * 1000;
        int n = rrMs.length;
        long templateMatches = 0; // pairs matching on 1 point (first n-1 points)
        long extendedMatches = 0; // pairs matching on 2 points
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n - 1; j++) {
                if (Math.abs(rrMs[i] - rrMs[j]) <= r) {
                    templateMatches++;
                    if (Math.abs(rrMs[i + 1] - rrMs[j + 1]) <= r) {
                        extendedMatches++;
                    }
                }
            }
        }
        // With no matches the entropy is undefined; a half count gives the largest value the series supports.
        double a = Math.max(extendedMatches, 0.5);
        double b = Math.max(templateMatches, 1);
        double sampleEntropy = Math.max(0, -Math.log(a / b));
        return sampleEntropy + Math.log(2 * SAMPLE_ENTROPY_TOLERANCE_S) - Math.log(meanMs / 1000);
    }

    /** Entropy of the interval histogram (16 equal bins between the 5th and 95th percentile). */
    static double shannonEntropy(double[] rrMs) {
        double[] sorted = rrMs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double low = sorted[(int) Math.floor(0.05 * (n - 1))];
        double high = sorted[(int) Math.ceil(0.95 * (n - 1))];
        double mean = Arrays.stream(rrMs).average().orElse(1);
        // Bins never narrower than 2 % of the mean interval, so measurement jitter of a regular rhythm stays in one bin.
        double width = Math.max((high - low) / 16, 0.02 * mean);
        int[] bins = new int[16];
        int used = 0;
        for (double v : rrMs) {
            if (v < low || v > high) {
                continue;
            }
            bins[Math.min(15, (int) ((v - low) / width))]++;
            used++;
        }
        double entropy = 0;
        for (int count : bins) {
            if (count > 0) {
                double p = (double) count / used;
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return entropy;
    }
}
