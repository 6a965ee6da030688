package org.yiwang.ecg.signal;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
}
