package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Heart rate and RR-interval statistics of a beat sequence. Intervals that span a stretch where beats were
 * withheld (unusable signal) should be excluded by the caller by passing only contiguous usable beats, or via
 * {@link #of(Beats, double, SignalQuality)}.
 *
 * @param beatCount       beats used
 * @param intervalCount   RR intervals used
 * @param meanHeartRateBpm 60000 / mean RR
 * @param pauses          RR intervals at least the pause threshold long
 */
public record RrStatistics(int beatCount, int intervalCount, double meanRrMs, double sdnnMs, double rmssdMs,
        double minRrMs, double maxRrMs, double meanHeartRateBpm, List<Pause> pauses) {

    public RrStatistics {
        pauses = List.copyOf(pauses);
    }

    /** A long RR interval: from the beat at {@code startSample} to the next at {@code endSample}. */
    public record Pause(int startSample, int endSample, double durationMs) {
    }

    /** Statistics over all consecutive beats; {@code pauseThresholdMs} e.g. 2000 (configure per site). */
    public static RrStatistics of(Beats beats, double pauseThresholdMs) {
        return of(beats, pauseThresholdMs, null);
    }

    /**
     * As {@link #of(Beats, double)} but an interval counts only if the signal between its two beats was usable in
     * at least one lead throughout (so a withheld stretch does not look like a pause).
     */
    public static RrStatistics of(Beats beats, double pauseThresholdMs, SignalQuality quality) {
        double fs = beats.samplingRateHz();
        int n = beats.count();
        double sum = 0;
        double sumSquares = 0;
        double successiveSquares = 0;
        int successiveCount = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        int intervals = 0;
        double previousRr = Double.NaN;
        List<Pause> pauses = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int start = beats.sampleIndex(i - 1);
            int end = beats.sampleIndex(i);
            if (quality != null && !quality.anyLeadUsableThroughout(start, end)) {
                previousRr = Double.NaN;
                continue;
            }
            double rr = (end - start) * 1000.0 / fs;
            intervals++;
            sum += rr;
            sumSquares += rr * rr;
            min = Double.isNaN(min) ? rr : Math.min(min, rr);
            max = Double.isNaN(max) ? rr : Math.max(max, rr);
            if (!Double.isNaN(previousRr)) {
                successiveSquares += (rr - previousRr) * (rr - previousRr);
                successiveCount++;
            }
            previousRr = rr;
            if (rr >= pauseThresholdMs) {
                pauses.add(new Pause(start, end, rr));
            }
        }
        if (intervals == 0) {
            return new RrStatistics(n, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    pauses);
        }
        double mean = sum / intervals;
        double variance = intervals > 1 ? Math.max(0, (sumSquares - intervals * mean * mean) / (intervals - 1)) : 0;
        double rmssd = successiveCount > 0 ? Math.sqrt(successiveSquares / successiveCount) : Double.NaN;
        return new RrStatistics(n, intervals, mean, Math.sqrt(variance), rmssd, min, max, 60_000.0 / mean, pauses);
    }
}
