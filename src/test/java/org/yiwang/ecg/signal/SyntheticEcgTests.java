package org.yiwang.ecg.signal;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticEcgTests {

    @Test
    void isDeterminedBySpecAndSeed() {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(500, 30, 72).withGaussianNoise(20).withMuscleNoise(15);
        SyntheticEcg a = SyntheticEcg.generate(spec, 42);
        SyntheticEcg b = SyntheticEcg.generate(spec, 42);
        SyntheticEcg c = SyntheticEcg.generate(spec, 43);

        assertThat(a.beats()).isEqualTo(b.beats());
        assertThat(a.recording().leadMicrovolts(1)).isEqualTo(b.recording().leadMicrovolts(1));
        assertThat(a.recording().leadMicrovolts(1)).isNotEqualTo(c.recording().leadMicrovolts(1));
    }

    @Test
    void anEcgFollowedByAnotherIsOneRecordingWithTheSecondsBeatsShifted() {
        List<String> leads = List.of("II", "V5");
        SyntheticEcg sinus = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 20, 70).withLeads(leads), 1);
        SyntheticEcg fibrillation = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 10, 100).withLeads(leads)
                .withAtrialFibrillation(0.2), 2);

        SyntheticEcg both = sinus.followedBy(fibrillation);

        assertThat(both.recording().sampleCount()).isEqualTo(7500);
        assertThat(both.recording().leadMicrovolts(1)[5000 + 123]).isEqualTo(fibrillation.recording().leadMicrovolts(1)[123]);
        assertThat(both.recording().leadMicrovolts(0)[4999]).isEqualTo(sinus.recording().leadMicrovolts(0)[4999]);
        assertThat(both.beats().count()).isEqualTo(sinus.beats().count() + fibrillation.beats().count());
        assertThat(both.beats().sampleIndex(sinus.beats().count())).isEqualTo(5000 + fibrillation.beats().sampleIndex(0));
        assertThat(both.beatKinds()).isEqualTo(sinus.beatKinds() + fibrillation.beatKinds());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sinus.followedBy(SyntheticEcg.generate(
                SyntheticEcgSpec.sinus(500, 10, 70).withLeads(leads), 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drawsTwelveLeadsAtTheRequestedRateWithRPeaksAtTheBeats() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 60, 60), 1);
        EcgRecording recording = ecg.recording();

        assertThat(recording.leadNames()).isEqualTo(LeadNames.STANDARD_12);
        assertThat(recording.sampleCount()).isEqualTo(30_000);
        assertThat(ecg.beats().count()).isBetween(57, 61);
        int ii = recording.indexOfLead("II");
        for (int beat = 0; beat < ecg.beats().count(); beat++) {
            int r = ecg.beats().sampleIndex(beat);
            int peak = r;
            for (int i = r - 25; i <= r + 25; i++) {
                if (recording.sampleMicrovolts(ii, i) > recording.sampleMicrovolts(ii, peak)) {
                    peak = i;
                }
            }
            assertThat(Math.abs(peak - r)).isLessThanOrEqualTo(3);
            assertThat(recording.sampleMicrovolts(ii, r)).isBetween(800, 1500);
        }
        // lead aVR mirrors lead II's dominant deflection
        int r = ecg.beats().sampleIndex(5);
        assertThat(recording.sampleMicrovolts(recording.indexOfLead("aVR"), r)).isNegative();
    }

    @Test
    void atrialFibrillationHasIrregularRrAndSinusRhythmRegularRr() {
        SyntheticEcg af = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 300, 90).withAtrialFibrillation(0.25), 3);
        SyntheticEcg sinus = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 300, 90), 3);

        RrStatistics afStats = RrStatistics.of(af.beats(), 2000);
        RrStatistics sinusStats = RrStatistics.of(sinus.beats(), 2000);

        assertThat(afStats.sdnnMs() / afStats.meanRrMs()).isGreaterThan(0.18);
        assertThat(sinusStats.sdnnMs() / sinusStats.meanRrMs()).isLessThan(0.06);
        assertThat(sinusStats.meanHeartRateBpm()).isCloseTo(90, within(3.0));
    }

    @Test
    void ventricularEctopicsComeEarlyAndAreFollowedByAPause() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 120, 75).withVentricularEctopics(0.15), 5);
        String kinds = ecg.beatKinds();
        double[] rr = ecg.beats().rrIntervalsMs();

        assertThat(kinds.chars().filter(k -> k == 'V').count()).isGreaterThan(5);
        for (int i = 1; i < kinds.length() - 1; i++) {
            if (kinds.charAt(i) == 'V' && kinds.charAt(i - 1) == 'N') {
                assertThat(rr[i - 1]).isLessThan(rr[i]);
            }
        }
    }

    @Test
    void ventricularEctopicIsWideLargeSteepWithADiscordantTWave() {
        // real PVCs: QRS >= 120 ms, 1-2 mV, steep main deflection, T wave opposite to the QRS
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(1000, 60, 60).withLeads(List.of("II", "V1"))
                .withRrVariability(0).withVentricularEctopics(0.2), 3);
        int[] ii = ecg.recording().leadMicrovolts(0);
        int[] v1 = ecg.recording().leadMicrovolts(1);
        int[] beats = ecg.beats().sampleIndices();
        String kinds = ecg.beatKinds();
        int checked = 0;
        for (int b = 1; b < beats.length - 1; b++) {
            int r = beats[b];
            if (kinds.charAt(b) != 'V' || r < 600 || r + 600 > ii.length) {
                continue;
            }
            int peak = ii[r];
            // QRS from where lead II leaves 5 % of its peak before the R wave to where it returns after it
            int onset = r;
            while (Math.abs(ii[onset - 1]) >= 0.05 * peak) {
                onset--;
            }
            int offset = r;
            while (Math.abs(ii[offset + 1]) >= 0.05 * peak) {
                offset++;
            }
            int steepest = 0;
            for (int i = onset; i < r; i++) {
                steepest = Math.max(steepest, ii[i + 1] - ii[i]);
            }
            int t = r + 200;
            for (int i = r + 200; i < r + 500; i++) {
                t = Math.abs(ii[i]) > Math.abs(ii[t]) ? i : t;
            }
            assertThat(offset - onset).as("QRS ms of the ectopic at %d", r).isBetween(120, 180);
            assertThat(peak).as("R in II, µV").isBetween(1200, 2000);
            assertThat(steepest).as("upstroke µV/ms").isGreaterThanOrEqualTo(40);
            assertThat(ii[t]).as("T wave opposite to the QRS, µV").isLessThan(-300);
            assertThat(v1[r]).as("deep QS in V1, µV").isLessThan(-400);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void sinusNodeKeepsItsTimingAcrossAnEctopic() {
        // full compensatory pause: the sinus beats either side of an ectopic are two sinus cycles apart
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 300, 75).withLeads(List.of("II"))
                .withRrVariability(0).withVentricularEctopics(0.1), 4);
        double[] rr = ecg.beats().rrIntervalsMs();
        String kinds = ecg.beatKinds();
        int checked = 0;
        for (int i = 1; i < kinds.length() - 1; i++) {
            if (kinds.charAt(i) == 'V') {
                assertThat(rr[i - 1] + rr[i]).isCloseTo(2 * 800, within(2 * 800 * 0.05));
                assertThat(rr[i - 1]).isCloseTo(0.65 * 800, within(0.65 * 800 * 0.05));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void shareOfVentricularEctopicsIsTheRequestedFractionAndHalfIsBigeminy() {
        for (double fraction : new double[] {0.03, 0.18, 0.3}) {
            String kinds = SyntheticEcg.generate(SyntheticEcgSpec.sinus(100, 3600, 60).withLeads(List.of("II"))
                    .withVentricularEctopics(fraction), 7).beatKinds();
            double share = kinds.chars().filter(k -> k == 'V').count() / (double) kinds.length();
            assertThat(share).as("share at %s", fraction).isCloseTo(fraction, within(0.015));
            assertThat(kinds).as("isolated ectopics").doesNotContain("VV");
        }
        String bigeminy = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 60, 70).withLeads(List.of("II"))
                .withVentricularEctopics(0.5), 8).beatKinds();
        assertThat(bigeminy.substring(1)).doesNotContain("NN").doesNotContain("VV");
    }

    @Test
    void leadFaultsReplaceTheSignalOnlyWhereAsked() {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(360, 20, 70).withLeads(List.of("MLII", "V1"))
                .withFault("V1", QualityIssue.LEAD_OFF, 5, 10).withFault("MLII", QualityIssue.FLAT_LINE, 12, 14);
        EcgRecording recording = SyntheticEcg.generate(spec, 8).recording();

        for (int i = 5 * 360; i < 10 * 360; i++) {
            assertThat(recording.sampleMicrovolts(1, i)).isBetween(-10_000, -9_990);
        }
        for (int i = 12 * 360; i < 14 * 360; i++) {
            assertThat(Math.abs(recording.sampleMicrovolts(0, i))).isLessThanOrEqualTo(2);
        }
        assertThat(range(recording.leadMicrovolts(0), 0, 5 * 360)).isGreaterThan(700);
    }

    static int range(int[] x, int from, int to) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        return max - min;
    }

    @Test
    void aVentricularBeatAfterABeatLandsAtTheCouplingIntervalAndLeavesTheSinusBeatsWhereTheyWere() {
        SyntheticEcg sinus = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 20, 75).withLeads(List.of("II", "V4")),
                4);

        SyntheticEcg ecg = sinus.withVentricularBeatAfter(5, 300);

        int[] before = sinus.beats().sampleIndices();
        int[] after = ecg.beats().sampleIndices();
        assertThat(after).hasSize(before.length + 1);
        assertThat(after[6]).isEqualTo(before[5] + 150);
        assertThat(ecg.beatKinds()).isEqualTo(sinus.beatKinds().substring(0, 6) + "V" + sinus.beatKinds().substring(6));
        assertThat(after[7]).isEqualTo(before[6]);
        // the ectopic QRS is added to the signal: lead II moves by more than 500 µV within 40 ms of it
        int[] ii = ecg.recording().leadMicrovolts(0);
        int[] iiBefore = sinus.recording().leadMicrovolts(0);
        int largest = 0;
        for (int i = after[6] - 20; i <= after[6] + 20; i++) {
            largest = Math.max(largest, Math.abs(ii[i] - iiBefore[i]));
        }
        assertThat(largest).isGreaterThan(500);
        assertThatThrownBy(() -> sinus.withVentricularBeatAfter(5, 2000)).isInstanceOf(IllegalArgumentException.class);
    }
}
