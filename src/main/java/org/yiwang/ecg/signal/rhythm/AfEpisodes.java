package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Episodes of atrial fibrillation in a long recording, found on its beat sequence rather than per analysed segment:
 * each RR interval is labelled by the {@link AfModel} probability of the window of
 * {@link RhythmThresholds#afEpisodeWindowIntervals()} intervals centred on it (its RR irregularity and the P-wave
 * evidence of its beats, as the model reads a 10-60 s record), and runs of intervals labelled AF lasting at least
 * {@link RhythmThresholds#afEpisodeMinimumMs()} are the episodes. With the window centred, an onset is labelled where
 * half the window lies in fibrillation, so the error stays within a few beats either way. Pure.
 */
public final class AfEpisodes {

    /**
     * AF-labelled runs separated by fewer than this share of a window of other intervals are one episode: a window
     * that reads a few regular-looking intervals in fibrillation (or an unmeasured one) does not split it.
     */
    static final double BRIDGED_GAP_WINDOWS = 0.5;

    private AfEpisodes() {
    }

    /**
     * One episode.
     *
     * @param startMs     the beat opening its first interval, from the start of the beats' recording
     * @param endMs       the beat closing its last interval
     * @param beats       beats in it
     * @param meanRateBpm mean ventricular rate over its measured intervals
     * @param maxRateBpm  highest mean rate over a window of {@link RhythmThresholds#afEpisodeWindowIntervals()}
     *                    consecutive intervals in it (the whole episode when it is shorter)
     */
    public record Episode(double startMs, double endMs, int beats, double meanRateBpm, double maxRateBpm) {

        public double durationMs() {
            return endMs - startMs;
        }
    }

    /**
     * A segment's beats as the episode search reads them.
     *
     * @param beatTimesMs     beats, ascending, from the start of the segment
     * @param types           class of each beat, or null when unknown
     * @param usableIntervals whether each interval (beat k to k + 1) lies in usable signal
     * @param probabilities   AF probability of each interval: that of the window of intervals centred on it; NaN where
     *                        that window has an interval in unusable signal, and within half a window of the segment's
     *                        ends (the window does not fit: {@link Sequence} measures those across the boundary)
     */
    public record Segment(double[] beatTimesMs, BeatType[] types, boolean[] usableIntervals, double[] probabilities) {

        public Segment {
            int n = beatTimesMs.length;
            int intervals = Math.max(0, n - 1);
            if ((types != null && types.length != n) || usableIntervals.length != intervals
                    || probabilities.length != intervals) {
                throw new IllegalArgumentException("beats, types and interval values differ in length");
            }
        }
    }

    /**
     * A segment's interval probabilities: RR irregularity of each window of
     * {@link RhythmThresholds#afEpisodeWindowIntervals()} intervals (those touching ventricular beats left out, as in
     * {@link RrIrregularity}) and the P-wave evidence of its beats.
     *
     * @param beatSamples     beats, ascending, as sample indices of {@code pWaveLead}
     * @param types           class of each beat, or null
     * @param usableIntervals whether each interval lies in usable signal (length beats − 1), or null when all do
     * @param pWaveLead       the lead the P waves are read on, or null to leave the P-wave evidence out (unknown)
     * @param pWaveUsable     whether that lead is usable over each interval (length beats − 1), or null when it is
     */
    public static Segment segment(int[] beatSamples, BeatType[] types, boolean[] usableIntervals, int[] pWaveLead,
            boolean[] pWaveUsable, double samplingRateHz, RhythmThresholds thresholds) {
        int n = beatSamples.length;
        int intervals = Math.max(0, n - 1);
        if ((types != null && types.length != n) || (usableIntervals != null && usableIntervals.length != intervals)
                || (pWaveUsable != null && pWaveUsable.length != intervals)) {
            throw new IllegalArgumentException("beats, types and interval flags differ in length");
        }
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = beatSamples[i] * 1000.0 / samplingRateHz;
        }
        boolean[] usable = new boolean[intervals];
        for (int k = 0; k < intervals; k++) {
            usable[k] = usable(usableIntervals, k);
        }
        double[] probability = new double[intervals];
        Arrays.fill(probability, Double.NaN);
        int window = thresholds.afEpisodeWindowIntervals();
        int unusable = 0; // unusable intervals in the current window
        int pUnusable = 0; // intervals where the P-wave lead is not usable in it
        for (int k = 0; k < Math.min(window, intervals); k++) {
            unusable += usable[k] ? 0 : 1;
            pUnusable += usable(pWaveUsable, k) ? 0 : 1;
        }
        for (int start = 0; start + window <= intervals; start++) {
            if (start > 0) {
                unusable += (usable[start - 1] ? 0 : -1) + (usable[start + window - 1] ? 0 : 1);
                pUnusable += (usable(pWaveUsable, start - 1) ? 0 : -1) + (usable(pWaveUsable, start + window - 1) ? 0 : 1);
            }
            if (unusable == 0) {
                int to = start + window + 1; // beats start .. start + window
                double pWaves = pWaveLead == null || pUnusable > 0 ? Double.NaN
                        : AtrialActivityAnalyser.pWaveEvidence(pWaveLead, Arrays.copyOfRange(beatSamples, start, to),
                                types == null ? null : Arrays.copyOfRange(types, start, to), samplingRateHz);
                probability[start + window / 2] = probability(times, types, start, window, pWaves, thresholds);
            }
        }
        return new Segment(times, types == null ? null : types.clone(), usable, probability);
    }

    /** AF probability of the window of intervals {@code start} .. {@code start + window - 1}. */
    private static double probability(double[] times, BeatType[] types, int start, int window, double pWaveEvidence,
            RhythmThresholds thresholds) {
        int to = start + window + 1;
        RrIrregularity rr = RrIrregularity.of(Arrays.copyOfRange(times, start, to),
                types == null ? null : Arrays.copyOfRange(types, start, to));
        return rr.sufficient() ? thresholds.afModel().probability(AfModel.features(rr, pWaveEvidence)) : Double.NaN;
    }

    private static boolean usable(boolean[] flags, int k) {
        return flags == null || flags[k];
    }

    /**
     * The episodes, in time order.
     *
     * @param beatTimesMs          beats, ascending
     * @param intervalProbabilities AF probability of each interval (NaN: not measured, not AF)
     */
    public static List<Episode> find(double[] beatTimesMs, double[] intervalProbabilities, RhythmThresholds thresholds) {
        int intervals = intervalProbabilities.length;
        if (beatTimesMs.length != intervals + 1 && !(beatTimesMs.length == 0 && intervals == 0)) {
            throw new IllegalArgumentException("need one probability per interval between the beats");
        }
        int window = thresholds.afEpisodeWindowIntervals();
        int bridged = (int) Math.ceil(BRIDGED_GAP_WINDOWS * window);
        List<Episode> episodes = new ArrayList<>();
        int first = -1; // first interval of the episode being built
        int last = -1; // its last AF-labelled interval
        for (int k = 0; k <= intervals; k++) {
            boolean af = k < intervals && intervalProbabilities[k] >= thresholds.afProbability();
            if (!af) {
                continue;
            }
            if (first >= 0 && k - last - 1 >= bridged) {
                add(episodes, beatTimesMs, intervalProbabilities, first, last, window, thresholds);
                first = -1;
            }
            if (first < 0) {
                first = k;
            }
            last = k;
        }
        if (first >= 0) {
            add(episodes, beatTimesMs, intervalProbabilities, first, last, window, thresholds);
        }
        return episodes;
    }

    /**
     * The segments of a long recording (analysed one by one so memory stays bounded) joined into one beat sequence, so
     * that an episode runs on across segment boundaries. The intervals whose window did not fit in their segment are
     * measured on the joined beats, by their RR irregularity alone (the signal is gone by then), with the first or
     * last full window at the recording's ends.
     */
    public static final class Sequence {

        private double[] times = new double[0];
        private BeatType[] types = new BeatType[0];
        private boolean[] usable = new boolean[0];
        private double[] probabilities = new double[0];
        private int beats;

        /** @param offsetMs the segment's start from the start of the recording */
        public void add(double offsetMs, Segment segment) {
            int n = segment.beatTimesMs().length;
            if (n == 0) {
                return;
            }
            if (beats > 0 && !(offsetMs + segment.beatTimesMs()[0] > times[beats - 1])) {
                throw new IllegalArgumentException("segments must follow one another");
            }
            int needed = beats + n;
            if (needed > times.length) {
                int capacity = Math.max(needed, 2 * times.length);
                times = Arrays.copyOf(times, capacity);
                types = Arrays.copyOf(types, capacity);
                usable = Arrays.copyOf(usable, capacity);
                probabilities = Arrays.copyOf(probabilities, capacity);
            }
            if (beats > 0) {
                // the interval across the boundary: the signal runs on, only the analysis was cut
                usable[beats - 1] = true;
                probabilities[beats - 1] = Double.NaN;
            }
            for (int i = 0; i < n; i++) {
                times[beats + i] = offsetMs + segment.beatTimesMs()[i];
                types[beats + i] = segment.types() == null ? BeatType.NORMAL : segment.types()[i];
            }
            System.arraycopy(segment.usableIntervals(), 0, usable, beats, n - 1);
            System.arraycopy(segment.probabilities(), 0, probabilities, beats, n - 1);
            beats = needed;
        }

        public List<Episode> episodes(RhythmThresholds thresholds) {
            int intervals = Math.max(0, beats - 1);
            double[] t = Arrays.copyOf(times, beats);
            BeatType[] ty = Arrays.copyOf(types, beats);
            double[] p = Arrays.copyOf(probabilities, intervals);
            int window = thresholds.afEpisodeWindowIntervals();
            if (intervals >= window) {
                int[] unusableBefore = new int[intervals + 1];
                for (int k = 0; k < intervals; k++) {
                    unusableBefore[k + 1] = unusableBefore[k] + (usable[k] ? 0 : 1);
                }
                for (int k = 0; k < intervals; k++) {
                    int start = Math.max(0, Math.min(intervals - window, k - window / 2));
                    if (Double.isNaN(p[k]) && unusableBefore[start + window] == unusableBefore[start]) {
                        p[k] = probability(t, ty, start, window, Double.NaN, thresholds);
                    }
                }
            }
            return find(t, p, thresholds);
        }
    }

    private static void add(List<Episode> episodes, double[] times, double[] probability, int first, int last,
            int window, RhythmThresholds thresholds) {
        double startMs = times[first];
        double endMs = times[last + 1];
        if (endMs - startMs < thresholds.afEpisodeMinimumMs()) {
            return;
        }
        double measuredMs = 0;
        int measured = 0;
        for (int k = first; k <= last; k++) {
            if (!Double.isNaN(probability[k])) {
                measuredMs += times[k + 1] - times[k];
                measured++;
            }
        }
        int span = Math.min(window, last - first + 1);
        double shortestSpanMs = Double.MAX_VALUE;
        for (int k = first; k + span - 1 <= last; k++) {
            shortestSpanMs = Math.min(shortestSpanMs, times[k + span] - times[k]);
        }
        episodes.add(new Episode(startMs, endMs, last - first + 2,
                measured == 0 ? Double.NaN : 60_000.0 * measured / measuredMs, 60_000.0 * span / shortestSpanMs));
    }
}
