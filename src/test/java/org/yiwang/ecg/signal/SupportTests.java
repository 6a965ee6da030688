package org.yiwang.ecg.signal;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Beat comparison, RR statistics, filters, quality and value types. */
class SupportTests {

    @Test
    void matchesBeatsWithinTheWindowClosestFirstAndCountsTheRest() {
        int[] reference = {100, 400, 700, 1000, 1300};
        int[] detected = {40, 104, 390, 395, 760, 1299, 1500};

        BeatComparison result = BeatComparison.compare(reference, detected, 54, 0, List.of());

        // 100~104, 400~395 (closer than 390), 1300~1299; 700 has no match within 54; 1000 missed
        assertThat(result).isEqualTo(new BeatComparison(3, 2, 4));
        assertThat(result.sensitivityPercent()).isCloseTo(60.0, within(1e-9));
        assertThat(result.positivePredictivityPercent()).isCloseTo(100.0 * 3 / 7, within(1e-9));
    }

    @Test
    void leavesOutTheStartAndExcludedEpisodesFromTheComparison() {
        int[] reference = {100, 400, 700, 1000};
        int[] detected = {100, 420, 690, 850, 1000};

        BeatComparison result = BeatComparison.compare(reference, detected, 30, 300, List.<int[]>of(new int[] {800, 900}));

        assertThat(result).isEqualTo(new BeatComparison(3, 0, 0));
    }

    @Test
    void computesRrStatisticsAndPauses() {
        Beats beats = Beats.of(1000, new int[] {0, 800, 1600, 2500, 5500, 6300});
        RrStatistics stats = RrStatistics.of(beats, 2000);

        assertThat(stats.intervalCount()).isEqualTo(5);
        assertThat(stats.meanRrMs()).isCloseTo(1260, within(1e-9));
        assertThat(stats.minRrMs()).isEqualTo(800);
        assertThat(stats.maxRrMs()).isEqualTo(3000);
        assertThat(stats.meanHeartRateBpm()).isCloseTo(60_000.0 / 1260, within(1e-9));
        double expectedSdnn = Math.sqrt((3 * Math.pow(800 - 1260, 2) + Math.pow(900 - 1260, 2)
                + Math.pow(3000 - 1260, 2)) / 4);
        assertThat(stats.sdnnMs()).isCloseTo(expectedSdnn, within(1e-6));
        assertThat(stats.rmssdMs()).isCloseTo(Math.sqrt((0 + 100 * 100 + 2100 * 2100 + 2200 * 2200) / 4.0),
                within(1e-6));
        assertThat(stats.pauses()).containsExactly(new RrStatistics.Pause(2500, 5500, 3000));
    }

    @Test
    void rrIntervalsAcrossWithheldStretchesAreNotPauses() {
        Beats beats = Beats.of(100, new int[] {0, 80, 160, 900, 980});
        SignalQuality quality = new SignalQuality(List.of(new LeadQuality("II", 1000,
                List.of(new QualitySegment(300, 700, QualityIssue.NOISE)))));

        RrStatistics stats = RrStatistics.of(beats, 2000, quality);

        assertThat(stats.intervalCount()).isEqualTo(3);
        assertThat(stats.pauses()).isEmpty();
        assertThat(stats.maxRrMs()).isEqualTo(800);
    }

    @Test
    void removesBaselineWanderAndPowerlineWhileKeepingTheQrs() {
        SyntheticEcg clean = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 30, 60).withLeads(List.of("II"))
                .withRrVariability(0), 2);
        SyntheticEcg noisy = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 30, 60).withLeads(List.of("II"))
                .withRrVariability(0).withBaselineWander(1000).withPowerline(50, 200), 2);

        EcgRecording filtered = EcgFilters.clean(noisy.recording(), 50);

        double before = rmsDifference(noisy.recording(), clean.recording(), 2500, 12_500);
        double after = rmsDifference(filtered, EcgFilters.removeBaselineWander(clean.recording(), 0.5), 2500, 12_500);
        assertThat(before).isGreaterThan(500);
        assertThat(after).as("residual wander after a 0.5 Hz zero-phase high-pass").isLessThan(before / 5);
        int r = clean.beats().sampleIndex(10);
        assertThat(filtered.sampleMicrovolts(0, r)).isCloseTo(clean.recording().sampleMicrovolts(0, r), within(80));
    }

    @Test
    void refusesAPowerlineFrequencyAboveNyquist() {
        EcgRecording recording = EcgRecording.of(100, List.of("II"), new int[][] {new int[100]});
        assertThatThrownBy(() -> EcgFilters.suppressPowerline(recording, 60))
                .hasMessageContaining("not below the Nyquist frequency 50.0 Hz");
    }

    @Test
    void flagsFlatLeadOffAndSaturatedStretchesPerLead() {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(360, 60, 70).withLeads(List.of("MLII", "V1", "V5"))
                .withGaussianNoise(8)
                .withFault("MLII", QualityIssue.FLAT_LINE, 10, 20)
                .withFault("V1", QualityIssue.LEAD_OFF, 30, 40)
                .withFault("V5", QualityIssue.SATURATION, 45, 50);
        EcgRecording recording = SyntheticEcg.generate(spec, 4).recording();

        SignalQuality quality = new SignalQualityAssessor(QualitySettings.DEFAULTS).assess(recording);

        assertThat(quality.lead("MLII").issueAt(15 * 360)).isEqualTo(QualityIssue.FLAT_LINE);
        assertThat(quality.lead("V1").issueAt(35 * 360)).isEqualTo(QualityIssue.LEAD_OFF);
        assertThat(quality.lead("V5").issueAt(47 * 360)).isEqualTo(QualityIssue.SATURATION);
        assertThat(quality.lead("MLII").usableFraction()).isCloseTo(50 / 60.0, within(0.04));
        assertThat(quality.lead("V1").usableAt(5 * 360)).isTrue();
        assertThat(quality.usableLeadsAt(35 * 360)).containsExactly("MLII", "V5");
        assertThat(quality.unusableInAllLeads()).isEmpty();
    }

    @Test
    void canonicalisesLeadNamesAndGuardsRecordingShape() {
        EcgRecording recording = EcgRecording.of(500, List.of("avr", "ii", "MLII"), new int[3][10]);
        assertThat(recording.leadNames()).containsExactly("aVR", "II", "MLII");
        assertThat(recording.indexOfLead("AVR")).isZero();
        assertThatThrownBy(() -> EcgRecording.of(500, List.of("I", "II"), new int[][] {new int[3], new int[4]}))
                .hasMessageContaining("lead II has 4 samples");
        assertThatThrownBy(() -> Beats.of(360, new int[] {5, 5})).hasMessageContaining("strictly increasing");
    }

    private static double rmsDifference(EcgRecording a, EcgRecording b, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = a.sampleMicrovolts(0, i) - b.sampleMicrovolts(0, i);
            sum += d * d;
        }
        return Math.sqrt(sum / (to - from));
    }
}
