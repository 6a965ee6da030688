package org.yiwang.ecg.signal.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The episode search on beat sequences made up in code (RR intervals only, no signal: P-wave evidence unknown). */
class AfEpisodesTests {

    static final RhythmThresholds DEFAULTS = RhythmThresholds.defaults();

    /** Beat times (ms, 1 kHz samples): stretches alternately regular (±2 %) and irregular (±35 %) at the given RR. */
    static int[] beats(Random random, double... regularThenIrregularSeconds) {
        int[] beats = new int[20_000];
        int n = 0;
        double t = 0;
        for (int stretch = 0; stretch < regularThenIrregularSeconds.length; stretch++) {
            boolean irregular = stretch % 2 == 1;
            double end = t + regularThenIrregularSeconds[stretch] * 1000;
            while (t < end) {
                beats[n++] = (int) Math.round(t);
                t += irregular ? 600 * (1 + 0.35 * (2 * random.nextDouble() - 1)) : 850 * (1 + 0.02 * random.nextGaussian());
            }
        }
        return Arrays.copyOf(beats, n);
    }

    static List<AfEpisodes.Episode> episodes(int[] beats) {
        return episodes(beats, DEFAULTS);
    }

    static List<AfEpisodes.Episode> episodes(int[] beats, RhythmThresholds thresholds) {
        AfEpisodes.Sequence sequence = new AfEpisodes.Sequence();
        sequence.add(0, AfEpisodes.segment(beats, null, null, null, null, 1000, thresholds));
        return sequence.episodes(thresholds);
    }

    @Test
    void findsAnIrregularStretchAsOneEpisodeWithItsRates() {
        List<AfEpisodes.Episode> episodes = episodes(beats(new Random(1), 120, 90, 120));

        assertThat(episodes).hasSize(1);
        assertThat(episodes.getFirst().startMs() / 1000).isCloseTo(120, within(3.0));
        assertThat(episodes.getFirst().endMs() / 1000).isCloseTo(210, within(3.0));
        assertThat(episodes.getFirst().meanRateBpm()).isCloseTo(100, within(5.0));
        assertThat(episodes.getFirst().maxRateBpm()).isGreaterThan(episodes.getFirst().meanRateBpm());
    }

    @Test
    void anIrregularStretchShorterThanTheMinimumIsNoEpisode() {
        assertThat(episodes(beats(new Random(2), 120, 20, 120))).isEmpty();
        // a county that counts episodes from 10 s
        assertThat(episodes(beats(new Random(2), 120, 20, 120), DEFAULTS.withAfEpisodes(30, 10_000))).hasSize(1);
    }

    @Test
    void aShortGapIsBridgedAndALongOneSplits() {
        double[] times = new double[401];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 600;
        }
        double[] p = new double[400];
        Arrays.fill(p, 0.9);
        Arrays.fill(p, 100, 110, 0.1); // 10 intervals, under half a window of 30: one episode
        Arrays.fill(p, 200, 212, Double.NaN); // 12 unmeasured intervals: bridged too
        Arrays.fill(p, 300, 340, 0.1); // 40 intervals: a split
        List<AfEpisodes.Episode> episodes = AfEpisodes.find(times, p, DEFAULTS);

        assertThat(episodes).extracting(AfEpisodes.Episode::startMs).containsExactly(0.0, 340 * 600.0);
        assertThat(episodes.get(0).endMs()).isEqualTo(300 * 600.0);
        // the rate over the measured intervals only
        assertThat(episodes.get(0).meanRateBpm()).isCloseTo(100, within(0.01));
    }

    @Test
    void anEpisodeRunsOnAcrossTheBoundaryOfTwoSegments() {
        int[] beats = beats(new Random(3), 120, 180, 120);
        int boundary = 200_000; // in the middle of the irregular stretch
        int split = (int) Arrays.stream(beats).filter(b -> b < boundary).count();
        int[] first = Arrays.copyOfRange(beats, 0, split);
        int[] second = Arrays.stream(Arrays.copyOfRange(beats, split, beats.length)).map(b -> b - boundary).toArray();
        AfEpisodes.Sequence sequence = new AfEpisodes.Sequence();
        sequence.add(0, AfEpisodes.segment(first, null, null, null, null, 1000, DEFAULTS));
        sequence.add(boundary, AfEpisodes.segment(second, null, null, null, null, 1000, DEFAULTS));

        List<AfEpisodes.Episode> episodes = sequence.episodes(DEFAULTS);

        assertThat(episodes).hasSize(1);
        assertThat(episodes.getFirst().startMs() / 1000).isCloseTo(120, within(3.0));
        assertThat(episodes.getFirst().endMs() / 1000).isCloseTo(300, within(3.0));
    }

    @Test
    void anUnusableStretchLeavesItsWindowsUnmeasured() {
        int[] beats = beats(new Random(4), 60, 120, 60);
        boolean[] usable = new boolean[beats.length - 1];
        Arrays.fill(usable, true);
        int noisy = (int) Arrays.stream(beats).filter(b -> b < 120_000).count();
        usable[noisy] = false;
        AfEpisodes.Segment segment = AfEpisodes.segment(beats, null, usable, null, null, 1000, DEFAULTS);

        int window = DEFAULTS.afEpisodeWindowIntervals();
        assertThat(segment.probabilities()[noisy]).isNaN();
        assertThat(segment.probabilities()[noisy - window / 2 + 1]).isNaN();
        assertThat(segment.probabilities()[noisy - window]).isGreaterThan(DEFAULTS.afProbability());
    }
}
