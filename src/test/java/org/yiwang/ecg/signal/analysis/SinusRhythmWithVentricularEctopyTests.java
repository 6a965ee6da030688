package org.yiwang.ecg.signal.analysis;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yiwang.ecg.signal.LeadNames;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.rhythm.AtrialActivity;
import org.yiwang.ecg.signal.rhythm.BeatType;
import org.yiwang.ecg.signal.rhythm.RhythmAnalysis;
import org.yiwang.ecg.signal.rhythm.RhythmClassifier;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;
import org.yiwang.ecg.signal.rhythm.RhythmThresholds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sinus rhythm with isolated ventricular premature beats (issue 5): labelled by the sinus rhythm (bradycardia and
 * tachycardia by the sinus rate), with the frequent-ectopy finding when the burden reaches the configured share,
 * whatever the recording's length; never "irregular rhythm", never AF. The irregularity of the rhythm is judged on
 * normal-to-normal intervals. Synthetic ECGs with realistic PVCs (wide, large, discordant T, full compensatory pause).
 */
class SinusRhythmWithVentricularEctopyTests {

    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();

    static RhythmLabel sinusLabel(double rateBpm) {
        return rateBpm < 60 ? RhythmLabel.SINUS_BRADYCARDIA : rateBpm > 100 ? RhythmLabel.SINUS_TACHYCARDIA
                : RhythmLabel.SINUS_RHYTHM;
    }

    static SyntheticEcgSpec holterLeads(double seconds, double rateBpm) {
        return SyntheticEcgSpec.sinus(250, seconds, rateBpm).withLeads(List.of("II", "V5")).withRrVariability(0.05)
                .withGaussianNoise(12);
    }

    static SyntheticEcgSpec twelveLeads(double seconds, double rateBpm) {
        return SyntheticEcgSpec.sinus(500, seconds, rateBpm).withLeads(LeadNames.STANDARD_12).withGaussianNoise(10);
    }

    static long ectopics(SyntheticEcg ecg) {
        return ecg.beatKinds().chars().filter(k -> k == 'V').count();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void sinusRhythmWithThreePercentPvcsOverFiveMinutesIsSinusWithEctopy(long seed) {
        for (SyntheticEcgSpec spec : List.of(holterLeads(300, 72),
                SyntheticEcgSpec.sinus(360, 300, 72).withLeads(List.of("MLII", "V1")).withGaussianNoise(10))) {
            SyntheticEcg ecg = SyntheticEcg.generate(spec.withVentricularEctopics(0.03), seed);
            EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
            // every PVC found and classed ventricular (the old, gentle synthetic PVC was missed in II and V5)
            assertThat(r.rhythm().ventricularBeats()).as("ventricular beats, seed %d", seed).isEqualTo((int) ectopics(ecg));
            assertThat(r.beats().count()).isEqualTo(ecg.beats().count());
            assertThat(r.rhythm().label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
            assertThat(r.rhythm().afProbability()).isLessThan(0.2);
            assertThat(r.heartRateBpm()).isCloseTo(72, org.assertj.core.api.Assertions.within(1.5));
            assertThat(r.critical()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {50, 75, 105})
    void ventricularBigeminyIsSinusWithFrequentEctopyNotIrregular(double rateBpm) {
        for (SyntheticEcgSpec spec : List.of(twelveLeads(10, rateBpm), holterLeads(300, rateBpm))) {
            for (long seed = 1; seed <= 2; seed++) {
                SyntheticEcg ecg = SyntheticEcg.generate(spec.withVentricularEctopics(0.5), seed);
                EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
                String what = spec.durationSeconds() + " s at " + rateBpm + "/min, seed " + seed;
                assertThat(r.rhythm().label()).as(what).isEqualTo(sinusLabel(rateBpm));
                assertThat(r.finding(FindingCode.FREQUENT_VENTRICULAR_ECTOPY)).as(what).isPresent();
                assertThat(r.rhythm().ventricularRuns()).as(what).isEmpty();
                assertThat(r.critical()).as(what).isFalse();
            }
        }
    }

    @Test
    void thirtyPercentPvcsAreSinusWithFrequentEctopyWhateverTheLength() {
        List<SyntheticEcgSpec> specs = List.of(twelveLeads(10, 75), holterLeads(300, 75),
                SyntheticEcgSpec.sinus(360, 300, 75).withLeads(List.of("MLII", "V1")).withGaussianNoise(10),
                holterLeads(1800, 75));
        for (SyntheticEcgSpec spec : specs) {
            for (long seed = 1; seed <= 2; seed++) {
                SyntheticEcg ecg = SyntheticEcg.generate(spec.withVentricularEctopics(0.3), seed);
                EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
                String what = spec.leads() + " " + spec.durationSeconds() + " s, seed " + seed;
                assertThat(r.rhythm().label()).as(what).isEqualTo(RhythmLabel.SINUS_RHYTHM);
                assertThat(r.finding(FindingCode.FREQUENT_VENTRICULAR_ECTOPY)).as(what).isPresent();
                assertThat(r.rhythm().ventricularBeats()).as(what)
                        .isBetween((int) (0.9 * ectopics(ecg)), (int) ectopics(ecg));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {50, 75, 100})
    void ventricularBigeminyDoesNotProlongTheQtOfTheDominantBeat(double rateBpm) {
        // no dominant beat is followed by a dominant one: the template's T region held the PVC (QT up to 664 ms) and
        // the RR was the median of coupling intervals and pauses (QTc 527-738 ms, a false prolonged-QTc finding)
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticEcg ecg = SyntheticEcg.generate(twelveLeads(10, rateBpm).withVentricularEctopics(0.5), seed);
            EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
            var intervals = r.delineation().orElseThrow().intervals();
            String what = rateBpm + "/min, seed " + seed;
            assertThat(r.finding(FindingCode.PROLONGED_QTC)).as(what).isEmpty();
            assertThat(intervals.rrMs()).as(what).isCloseTo(60_000 / rateBpm,
                    org.assertj.core.api.Assertions.within(0.1 * 60_000 / rateBpm));
            if (rateBpm < 100) {
                assertThat(intervals.qtMs()).as(what).isBetween(360.0, 480.0);
            } else if (!Double.isNaN(intervals.qtMs())) {
                // at 100/min the PVC lands on the T wave's end; where the end is measurable it lies before the PVC
                assertThat(intervals.qtMs()).as(what).isLessThan(400);
            }
        }
    }

    @Test
    void atrialFibrillationWithVentricularEctopicsIsStillAtrialFibrillation() {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticEcg ecg = SyntheticEcg.generate(holterLeads(300, 90).withAtrialFibrillation(0.2)
                    .withVentricularEctopics(0.1), seed);
            EcgReport r = EcgAnalyser.analyse(ecg.recording(), DEFAULTS);
            assertThat(r.rhythm().label()).as("seed %d", seed).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
        }
    }

    @Test
    void sinusCyclesAcrossEachEctopicOfBigeminyCountAsRegular() {
        // bigeminy leaves no two dominant beats in a row; the dominant beats either side of each ectopic are two
        // sinus cycles apart (compensatory pause), and these spans are regular
        int n = 16;
        double[] times = new double[n];
        BeatType[] types = new BeatType[n];
        double sinus = 800;
        for (int i = 0; i < n; i++) {
            boolean ectopic = i % 2 == 1;
            times[i] = (i / 2) * 2 * sinus + (ectopic ? 0.65 * sinus : 0) + 300 + (i % 3) * 8;
            types[i] = ectopic ? BeatType.VENTRICULAR : BeatType.NORMAL;
        }
        RhythmAnalysis r = RhythmClassifier.classify(times, types, 13_500, 90,
                new AtrialActivity(0.9, Double.NaN, 0, Double.NaN), RhythmThresholds.defaults());
        assertThat(r.label()).isEqualTo(RhythmLabel.SINUS_RHYTHM);
        assertThat(r.frequentVentricularEctopy()).isTrue();
    }
}
