package org.yiwang.ecg.signal.rhythm;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowedIrregularityTests {

    private static double[] intervals(int regular, int irregular, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rr = new double[regular + irregular];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = i < regular ? 800 + 10 * (random.nextDouble() - 0.5) : 650 * Math.exp(0.3 * (random.nextDouble() - 0.5) * 2);
        }
        return rr;
    }

    @Test
    void paroxysmOfIrregularIntervalsIsSeenInItsWindowsEvenWhenMostOfTheRecordIsRegular() {
        double[] rr = intervals(45, 15, 3);
        WindowedIrregularity windows = WindowedIrregularity.ofIntervals(rr);
        RrIrregularity whole = RrIrregularity.ofIntervals(rr);

        assertThat(whole.medianAbsoluteSuccessiveChange()).isLessThan(0.04);
        assertThat(windows.maximumMedianChange()).isGreaterThan(0.1);
        assertThat(windows.irregularShare()).isBetween(0.1, 0.5);
        assertThat(windows.minimumNearMedian()).isLessThan(0.5);
    }

    @Test
    void regularRhythmHasNoIrregularWindow() {
        WindowedIrregularity windows = WindowedIrregularity.ofIntervals(intervals(60, 0, 4));

        assertThat(windows.irregularShare()).isZero();
        assertThat(windows.minimumNearMedian()).isEqualTo(1.0);
        assertThat(windows.windows()).isEqualTo(1 + (60 - WindowedIrregularity.WINDOW) / WindowedIrregularity.STEP);
    }

    @Test
    void fewIntervalsAreUnknown() {
        assertThat(WindowedIrregularity.ofIntervals(new double[] { 800, 810, 790 }).windows()).isZero();
    }
}
