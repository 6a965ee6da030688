package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beat-by-beat comparison of detected beats with reference beats (AAMI EC57 / WFDB bxb style): a detection within
 * the match window of a reference beat is a true positive (each beat matched at most once, closest pairs first),
 * unmatched reference beats are false negatives, unmatched detections false positives.
 */
public record BeatComparison(int truePositives, int falseNegatives, int falsePositives) {

    /** Sensitivity in percent (100 if there are no reference beats). */
    public double sensitivityPercent() {
        int reference = truePositives + falseNegatives;
        return reference == 0 ? 100 : 100.0 * truePositives / reference;
    }

    /** Positive predictivity in percent (100 if nothing was detected). */
    public double positivePredictivityPercent() {
        int detected = truePositives + falsePositives;
        return detected == 0 ? 100 : 100.0 * truePositives / detected;
    }

    public BeatComparison plus(BeatComparison other) {
        return new BeatComparison(truePositives + other.truePositives, falseNegatives + other.falseNegatives,
                falsePositives + other.falsePositives);
    }

    /**
     * Compares beats at or after {@code fromSample}, ignoring both lists inside {@code excluded} intervals
     * ({@code [start, end)} pairs, e.g. ventricular flutter episodes).
     *
     * @param windowSamples the largest distance of a match (150 ms at the recording's rate for EC57)
     */
    public static BeatComparison compare(int[] reference, int[] detected, int windowSamples, int fromSample,
            List<int[]> excluded) {
        int[] ref = keep(reference, fromSample, excluded);
        int[] test = keep(detected, fromSample, excluded);
        List<long[]> pairs = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < ref.length; i++) {
            while (first < test.length && test[first] < ref[i] - windowSamples) {
                first++;
            }
            for (int j = first; j < test.length && test[j] <= ref[i] + windowSamples; j++) {
                pairs.add(new long[] {Math.abs((long) test[j] - ref[i]), i, j});
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        boolean[] refUsed = new boolean[ref.length];
        boolean[] testUsed = new boolean[test.length];
        int matched = 0;
        for (long[] pair : pairs) {
            int i = (int) pair[1];
            int j = (int) pair[2];
            if (!refUsed[i] && !testUsed[j]) {
                refUsed[i] = true;
                testUsed[j] = true;
                matched++;
            }
        }
        return new BeatComparison(matched, ref.length - matched, test.length - matched);
    }

    private static int[] keep(int[] beats, int fromSample, List<int[]> excluded) {
        int[] sorted = beats.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (int beat : sorted) {
            if (beat < fromSample) {
                continue;
            }
            boolean inside = false;
            for (int[] interval : excluded) {
                if (beat >= interval[0] && beat < interval[1]) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                sorted[count++] = beat;
            }
        }
        return Arrays.copyOf(sorted, count);
    }
}
