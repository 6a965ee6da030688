package org.yiwang.ecg.signal;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class QrsDetectorTests {

    private final QrsDetector detector = new QrsDetector();

    private static BeatComparison score(SyntheticEcg ecg, Beats detected) {
        int window = (int) Math.round(0.05 * ecg.recording().samplingRateHz());
        return BeatComparison.compare(ecg.beats().sampleIndices(), detected.sampleIndices(), window, 0, List.of());
    }

    @ParameterizedTest
    @ValueSource(ints = {250, 300, 360, 500, 1000})
    void findsEverySinusBeatWithin50MsAtAnySamplingRate(int samplingRateHz) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(samplingRateHz, 120, 72)
                .withGaussianNoise(15), samplingRateHz);

        BeatComparison result = score(ecg, detector.detect(ecg.recording()).beats());

        assertThat(result.falseNegatives()).isZero();
        assertThat(result.falsePositives()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 200})
    void findsNoBeatsInRecordingsTooShortToHoldOne(int samples) {
        EcgRecording recording = EcgRecording.of(360, List.of("MLII", "V1"), new int[2][samples]);

        QrsDetection detection = detector.detect(recording);

        assertThat(detection.beats().count()).isZero();
        assertThat(detection.quality().leads()).hasSize(2);
    }

    @Test
    void findsBeatsOfAnIrregularAtrialFibrillationLikeRhythm() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(300, 300, 110).withAtrialFibrillation(0.3)
                .withLeads(List.of("ECG")).withGaussianNoise(20), 11);

        BeatComparison result = score(ecg, detector.detect(ecg.recording()).beats());

        assertThat(result.sensitivityPercent()).isGreaterThanOrEqualTo(99.8);
        assertThat(result.positivePredictivityPercent()).isGreaterThanOrEqualTo(99.8);
    }

    @Test
    void findsWideVentricularEctopicsAsWellAsNarrowBeats() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 300, 80).withVentricularEctopics(0.2)
                .withLeads(List.of("MLII", "V1")).withGaussianNoise(10), 12);

        BeatComparison result = score(ecg, detector.detect(ecg.recording()).beats());

        assertThat(result.falseNegatives()).isZero();
        assertThat(result.falsePositives()).isZero();
    }

    @Test
    void toleratesBaselineWanderPowerlineAndMuscleNoise() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 300, 65).withBaselineWander(800)
                .withPowerline(50, 150).withMuscleNoise(40).withGaussianNoise(10), 13);

        BeatComparison result = score(ecg, detector.detect(ecg.recording()).beats());

        assertThat(result.sensitivityPercent()).isGreaterThanOrEqualTo(99.8);
        assertThat(result.positivePredictivityPercent()).isGreaterThanOrEqualTo(99.8);
    }

    @Test
    void keepsDetectingOnTheOtherLeadWhileOneLeadIsOff() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 120, 70).withLeads(List.of("MLII", "V1"))
                .withFault("MLII", QualityIssue.LEAD_OFF, 30, 60).withGaussianNoise(10), 14);

        QrsDetection detection = detector.detect(ecg.recording());

        assertThat(detection.quality().lead("MLII").issueAt(45 * 360)).isEqualTo(QualityIssue.LEAD_OFF);
        assertThat(detection.quality().lead("V1").usableFraction()).isEqualTo(1.0);
        BeatComparison result = score(ecg, detection.beats());
        assertThat(result.falseNegatives()).isZero();
        assertThat(result.falsePositives()).isZero();
    }

    @Test
    void withholdsBeatsWhereEveryLeadIsFlat() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 90, 70).withLeads(List.of("MLII", "V1"))
                .withFault(null, QualityIssue.FLAT_LINE, 30, 50), 15);

        QrsDetection detection = detector.detect(ecg.recording());

        assertThat(detection.beats().between(31 * 360, 49 * 360).count()).isZero();
        assertThat(detection.quality().unusableInAllLeads()).isNotEmpty();
        assertThat(detection.beats().between(52 * 360, 90 * 360).count())
                .isEqualTo(ecg.beats().between(52 * 360, 90 * 360).count());
    }

    @Test
    void flagsElectrodeMotionNoiseInsteadOfReportingFalseBeats() {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 240, 70).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(10).withNoiseBurst(60, 120, 1500), 16);

        QrsDetection detection = detector.detect(ecg.recording());

        int noisyStart = 60 * 360;
        int noisyEnd = 120 * 360;
        long flagged = detection.quality().unusableInAllLeads().stream()
                .mapToLong(s -> Math.max(0, Math.min(s.endSample(), noisyEnd) - Math.max(s.startSample(), noisyStart)))
                .sum();
        int detectedInNoise = detection.beats().between(noisyStart, noisyEnd).count();
        BeatComparison noisy = BeatComparison.compare(ecg.beats().between(noisyStart, noisyEnd).sampleIndices(),
                detection.beats().between(noisyStart, noisyEnd).sampleIndices(), 18, 0, List.of());
        assertThat(flagged + 0.0).as("flagged share of the noisy minute")
                .isGreaterThan(0.5 * (noisyEnd - noisyStart));
        assertThat(noisy.falsePositives()).as("false beats among %d reported", detectedInNoise).isLessThan(10);
        // the clean stretches are untouched
        BeatComparison clean = BeatComparison.compare(ecg.beats().between(0, noisyStart - 720).sampleIndices(),
                detection.beats().between(0, noisyStart - 720).sampleIndices(), 18, 0, List.of());
        assertThat(clean.falseNegatives()).isZero();
        assertThat(clean.falsePositives()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {250, 360, 500})
    void reportsNoFalseBeatsInElectrodeMotionBurstsButWithholdsThemAndKeepsEveryBeatOutside(int fs) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(fs, 300, 75).withLeads(List.of("MLII", "V1"))
                .withGaussianNoise(10).withBaselineWander(300)
                .withNoiseBurst(60, 75, 1200).withNoiseBurst(120, 160, 2000).withNoiseBurst(200, 230, 3000), 17);

        QrsDetection detection = detector.detect(ecg.recording());

        List<int[]> withheld = detection.quality().unusableInAllLeads().stream()
                .map(s -> new int[] {s.startSample(), s.endSample()}).toList();
        int window = (int) Math.round(0.05 * fs);
        BeatComparison outside = BeatComparison.compare(ecg.beats().sampleIndices(),
                detection.beats().sampleIndices(), window, 0, withheld);
        assertThat(outside.falseNegatives()).as("missed outside withheld stretches").isZero();
        assertThat(outside.falsePositives()).as("false beats outside withheld stretches").isZero();
        for (int[] stretch : withheld) {
            assertThat(detection.beats().between(stretch[0], stretch[1] - 1).count()).isZero();
        }
        double withheldSeconds = withheld.stream().mapToDouble(s -> (s[1] - s[0]) / (double) fs).sum();
        assertThat(withheldSeconds).as("withheld of the 85 noisy seconds").isBetween(60.0, 95.0);
    }
}
