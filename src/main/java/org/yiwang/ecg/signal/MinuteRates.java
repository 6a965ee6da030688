package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mean heart rate per consecutive window (a minute in a Holter summary), over the RR intervals that lie in usable
 * signal: the slowest and fastest minute of a long recording are read from these. A window whose usable intervals
 * cover less than the given share of it is left out, so a minute that is mostly noise or lead-off does not pass for
 * a slow one (its beats are missing, not absent).
 *
 * @param windows the windows that had enough usable signal, in time order
 */
public record MinuteRates(List<Window> windows) {

    public MinuteRates {
        windows = List.copyOf(windows);
    }

    /**
     * @param startMs start of the window from the start of the beats' recording
     * @param rateBpm 60000 × intervals / their summed length (the mean rate, as a Holter's minute rate)
     */
    public record Window(double startMs, double rateBpm) {
    }

    /**
     * @param windowMs               window length, e.g. 60,000
     * @param minimumCoveredFraction share of a window its usable intervals must span (by their start beat), e.g. 0.5
     */
    public static MinuteRates of(Beats beats, SignalQuality quality, double windowMs, double minimumCoveredFraction) {
        if (!(windowMs > 0) || !(minimumCoveredFraction > 0 && minimumCoveredFraction <= 1)) {
            throw new IllegalArgumentException("need windowMs > 0 and 0 < minimumCoveredFraction <= 1");
        }
        double fs = beats.samplingRateHz();
        List<Window> windows = new ArrayList<>();
        int window = -1;
        double sumMs = 0;
        int intervals = 0;
        for (int i = 1; i < beats.count(); i++) {
            int start = beats.sampleIndex(i - 1);
            int end = beats.sampleIndex(i);
            int startWindow = (int) Math.floor(start * 1000.0 / fs / windowMs); // long recordings: past int range in ms
            if (startWindow != window) {
                add(windows, window, sumMs, intervals, windowMs, minimumCoveredFraction);
                window = startWindow;
                sumMs = 0;
                intervals = 0;
            }
            if (quality == null || quality.anyLeadUsableThroughout(start, end)) {
                sumMs += (end - start) * 1000 / fs;
                intervals++;
            }
        }
        add(windows, window, sumMs, intervals, windowMs, minimumCoveredFraction);
        return new MinuteRates(windows);
    }

    private static void add(List<Window> windows, int window, double sumMs, int intervals, double windowMs,
            double minimumCoveredFraction) {
        if (window >= 0 && intervals > 0 && sumMs >= minimumCoveredFraction * windowMs) {
            windows.add(new Window(window * windowMs, 60_000.0 * intervals / sumMs));
        }
    }

    /**
     * The minute rates summed up per consecutive period (an hour of a day-long Holter): the slowest, mean and fastest
     * of the windows starting in it. Periods without a window are left out.
     *
     * @param startMs start of the period from the start of the recording
     * @param minBpm  slowest window rate in it
     * @param meanBpm mean of its window rates
     * @param maxBpm  fastest
     * @param windows windows in it
     */
    public record Period(double startMs, double minBpm, double meanBpm, double maxBpm, int windows) {
    }

    /** The windows per period of {@code periodMs}, in time order. */
    public List<Period> periods(double periodMs) {
        if (!(periodMs > 0)) {
            throw new IllegalArgumentException("need periodMs > 0");
        }
        List<Period> periods = new ArrayList<>();
        long period = -1;
        double min = 0;
        double max = 0;
        double sum = 0;
        int count = 0;
        for (Window w : windows) {
            long p = (long) Math.floor(w.startMs() / periodMs);
            if (p != period) {
                if (count > 0) {
                    periods.add(new Period(period * periodMs, min, sum / count, max, count));
                }
                period = p;
                min = Double.MAX_VALUE;
                max = 0;
                sum = 0;
                count = 0;
            }
            min = Math.min(min, w.rateBpm());
            max = Math.max(max, w.rateBpm());
            sum += w.rateBpm();
            count++;
        }
        if (count > 0) {
            periods.add(new Period(period * periodMs, min, sum / count, max, count));
        }
        return periods;
    }

    public Optional<Window> slowest() {
        return windows.stream().min((a, b) -> Double.compare(a.rateBpm(), b.rateBpm()));
    }

    public Optional<Window> fastest() {
        return windows.stream().max((a, b) -> Double.compare(a.rateBpm(), b.rateBpm()));
    }
}
