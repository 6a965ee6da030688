package org.yiwang.ecg.signal;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The noise-floor check: electrode motion and muscle noise flagged where it swamps the QRS, clean ECG left alone. */
class SignalQualityNoiseTests {

    private final SignalQualityAssessor assessor = new SignalQualityAssessor(QualitySettings.DEFAULTS);

    /** Share of {@code [fromSeconds, toSeconds)} that lies in stretches unusable in every lead. */
    private static double withheldShare(SignalQuality quality, double fs, double fromSeconds, double toSeconds) {
        long from = Math.round(fromSeconds * fs);
        long to = Math.round(toSeconds * fs);
        long covered = 0;
        for (QualitySegment s : quality.unusableInAllLeads()) {
            covered += Math.max(0, Math.min(s.endSample(), to) - Math.max(s.startSample(), from));
        }
        return (double) covered / (to - from);
    }

    @ParameterizedTest
    @ValueSource(ints = {250, 360, 500, 1000})
    void flagsElectrodeMotionBurstsInEveryLeadAndLeavesTheCleanStretchesUsable(int fs) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(fs, 180, 72).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(10).withBaselineWander(200)
                .withNoiseBurst(40, 60, 1500).withNoiseBurst(100, 130, 2500), 21);

        SignalQuality quality = assessor.assess(ecg.recording());

        assertThat(withheldShare(quality, fs, 41, 59)).as("first burst").isGreaterThan(0.8);
        assertThat(withheldShare(quality, fs, 101, 129)).as("second burst").isGreaterThan(0.8);
        assertThat(withheldShare(quality, fs, 0, 38)).as("clean start").isZero();
        assertThat(withheldShare(quality, fs, 62, 98)).as("clean middle").isZero();
        assertThat(withheldShare(quality, fs, 132, 180)).as("clean end").isZero();
        assertThat(quality.lead("MLII").issueAt(50 * fs)).isEqualTo(QualityIssue.NOISE);
    }

    @Test
    void flagsNoiseBurstsInASingleLeadRecording() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(300, 120, 80).withLeads(List.of("ECG"))
                .withGaussianNoise(10).withNoiseBurst(50, 80, 2500), 22);

        SignalQuality quality = assessor.assess(ecg.recording());

        assertThat(withheldShare(quality, 300, 51, 79)).isGreaterThan(0.7);
        assertThat(withheldShare(quality, 300, 0, 48)).isZero();
        assertThat(withheldShare(quality, 300, 82, 120)).isZero();
    }

    @Test
    void flagsMuscleNoiseThatSwampsTheQrsComplexes() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 120, 70).withLeads(List.of("II", "V2"))
                .withMuscleNoise(800), 23);

        SignalQuality quality = assessor.assess(ecg.recording());

        assertThat(quality.unusableFraction()).isGreaterThan(0.9);
    }

    @Test
    void leavesMildMuscleNoiseWanderAndPowerlineUsable() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 300, 65).withLeads(List.of("II", "V2"))
                .withBaselineWander(800).withPowerline(50, 150).withMuscleNoise(40).withGaussianNoise(10), 24);

        assertThat(assessor.assess(ecg.recording()).unusableFraction()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5})
    void doesNotTakeFrequentWideVentricularComplexesForNoise(double ectopicFraction) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 300, 130)
                .withLeads(List.of("MLII", "V1")).withVentricularEctopics(ectopicFraction).withGaussianNoise(10), 25);

        SignalQuality quality = assessor.assess(ecg.recording());

        assertThat(quality.unusableFraction()).isZero();
    }

    @Test
    void doesNotTakeAnIrregularAtrialFibrillationRhythmForNoise() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(300, 300, 140).withAtrialFibrillation(0.35)
                .withLeads(List.of("II", "V1")).withGaussianNoise(15), 26);

        assertThat(assessor.assess(ecg.recording()).unusableFraction()).isZero();
    }

    @Test
    void theSixThresholdSettingsKeepTheNoiseFloorCheckOff() {
        QualitySettings d = QualitySettings.DEFAULTS;
        QualitySettings old = new QualitySettings(d.blockMs(), d.flatRangeMicrovolts(), d.leadOffLevelMicrovolts(),
                d.saturationFraction(), d.noiseDutyCycle(), d.noiseEnergyRatio());
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 120, 72).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(10).withNoiseBurst(40, 80, 1000), 27);

        double withOldSettings = withheldShare(new SignalQualityAssessor(old).assess(ecg.recording()), 360, 41, 79);
        double withDefaults = withheldShare(assessor.assess(ecg.recording()), 360, 41, 79);

        assertThat(old.noiseFloorRatio()).isInfinite();
        assertThat(withDefaults).isGreaterThan(withOldSettings);
    }
}
