package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.rhythm.BeatType;

class VentricularScoreTests {

    static final double FS = 360;
    static final int WINDOW = 54; // 150 ms at 360 Hz

    static final BeatType N = BeatType.NORMAL;
    static final BeatType V = BeatType.VENTRICULAR;

    @Test
    void countsVentricularBeatsClassedVentricularAndLeavesFusionAndBeatsOnNothingApart() {
        int[] reference = {1000, 1300, 1600, 1900, 2200, 2500};
        char[] labels = {'N', 'V', 'E', 'F', 'N', 'V'};
        // the V at 1300 found 20 samples off, the E classed normal, a V class on the fusion beat, one on the normal
        // beat at 2200, the last V not detected at all, and a ventricular detection on no reference beat
        int[] detected = {1000, 1320, 1600, 1900, 2200, 2800};
        BeatType[] types = {N, V, N, V, V, V};

        VentricularScore score = VentricularScore.of(reference, labels, detected, types, List.of(), FS, WINDOW);

        assertThat(score.vebTruePositives()).isEqualTo(1);
        assertThat(score.vebFalseNegatives()).isEqualTo(2);
        assertThat(score.vebFalsePositives()).isEqualTo(1);
        assertThat(score.ventricularOnFusion()).isEqualTo(1);
        assertThat(score.ventricularOnNoBeat()).isEqualTo(1);
        assertThat(score.vebSensitivityPercent()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(score.vebPositivePredictivityPercent()).isEqualTo(50.0);
    }

    @Test
    void aDetectedBeatBeyondTheWindowMatchesNothing() {
        VentricularScore score = VentricularScore.of(new int[] {1000}, new char[] {'V'}, new int[] {1000 + WINDOW + 1},
                new BeatType[] {V}, List.of(), FS, WINDOW);

        assertThat(score.vebFalseNegatives()).isEqualTo(1);
        assertThat(score.ventricularOnNoBeat()).isEqualTo(1);
        assertThat(score.vebFalsePositives()).isZero();
    }

    @Test
    void findsATachycardiaRunOverlappedByOursAndCountsOurRunOverNoReferenceRunAsFalse() {
        // N, then V V V V at 0.4 s (150/min), N, N, then our second run over normal beats
        int[] reference = {0, 360, 504, 648, 792, 1200, 1560, 1920};
        char[] labels = {'N', 'V', 'V', 'V', 'V', 'N', 'N', 'N'};
        List<VentricularScore.Run> ours = List.of(new VentricularScore.Run(504, 792),
                new VentricularScore.Run(1560, 1920));

        VentricularScore score = VentricularScore.of(reference, labels, reference, new BeatType[8], ours, FS, WINDOW);

        assertThat(score.tachycardiaRuns()).isEqualTo(1);
        assertThat(score.tachycardiaRunsFound()).isEqualTo(1);
        assertThat(score.slowRuns()).isZero();
        assertThat(score.ourRuns()).isEqualTo(2);
        assertThat(score.falseRuns()).isEqualTo(1);
    }

    @Test
    void aSlowVentricularRunIsIdioventricularAndTwoVentricularBeatsAreNoRun() {
        // V V V at 1 s (60/min: an idioventricular rhythm), N, then a couplet
        int[] reference = {0, 360, 720, 1080, 1440, 1600};
        char[] labels = {'V', 'V', 'V', 'N', 'V', 'V'};

        VentricularScore missed = VentricularScore.of(reference, labels, reference, new BeatType[6], List.of(), FS,
                WINDOW);
        VentricularScore called = VentricularScore.of(reference, labels, reference, new BeatType[6],
                List.of(new VentricularScore.Run(0, 720)), FS, WINDOW);

        assertThat(missed.tachycardiaRuns()).isZero();
        assertThat(missed.slowRuns()).isEqualTo(1);
        assertThat(missed.slowRunsCalled()).isZero();
        assertThat(called.slowRunsCalled()).as("calling an idioventricular rhythm VT shows").isEqualTo(1);
        assertThat(called.falseRuns()).isZero();
    }

    @Test
    void totalsAddUpOverRecords() {
        VentricularScore one = VentricularScore.of(new int[] {0, 360}, new char[] {'V', 'N'}, new int[] {0, 360},
                new BeatType[] {V, V}, List.of(), FS, WINDOW);

        VentricularScore two = one.plus(one);

        assertThat(two.vebTruePositives()).isEqualTo(2);
        assertThat(two.vebFalsePositives()).isEqualTo(2);
        assertThat(VentricularScore.NONE.vebSensitivityPercent()).isNaN();
    }

    @Test
    void refusesBeatTimesAndLabelsOfDifferentLength() {
        assertThatThrownBy(() -> VentricularScore.of(new int[] {0}, new char[0], new int[0], new BeatType[0], List.of(),
                FS, WINDOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
