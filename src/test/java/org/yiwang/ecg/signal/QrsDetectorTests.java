package org.yiwang.ecg.signal;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * Single lead, 300 Hz, regular at 75 bpm, a biphasic QRS whose R and S waves alternate in which is larger
     * (R 600/540 µV, S −560/−620 µV), upright or inverted as AliveCor recordings can be.
     */
    static int[] biphasicQrsAlternatingLarger(double sign, int beats) {
        double fs = 300;
        int n = (int) Math.round((beats + 1) * 0.8 * fs);
        int[] x = new int[n];
        for (int b = 0; b < beats; b++) {
            double r = (b + 0.5) * 0.8 * fs;
            double rAmplitude = b % 2 == 0 ? 600 : 540;
            double sAmplitude = b % 2 == 0 ? 560 : 620;
            for (int i = Math.max(0, (int) r - 150); i < Math.min(n, (int) r + 150); i++) {
                double ms = (i - r) * 1000 / fs;
                double v = rAmplitude * Math.exp(-ms * ms / (2 * 9 * 9))
                        - sAmplitude * Math.exp(-(ms - 30) * (ms - 30) / (2 * 9 * 9))
                        + 200 * Math.exp(-(ms - 280) * (ms - 280) / (2 * 40 * 40));
                x[i] += (int) Math.round(sign * v);
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(doubles = { 1, -1 })
    void placesBiphasicBeatsOnTheSamePolarityEveryTimeSoRegularRrStaysRegular(double sign) {
        int beats = 30;
        EcgRecording recording = EcgRecording.of(300, List.of("ECG"), new int[][] { biphasicQrsAlternatingLarger(sign, beats) });
        int[] detected = new QrsDetector().detect(recording).beats().sampleIndices();
        assertThat(detected).hasSize(beats);
        for (int i = 2; i < detected.length; i++) {
            // 800 ms = 240 samples; flipping between R and S would make these 240 ± 9
            assertThat(detected[i] - detected[i - 1]).as("RR %d in samples", i).isBetween(239, 241);
        }
    }

    private static final List<String> TWELVE_LEADS = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3",
            "V4", "V5", "V6");

    /**
     * R on T: a premature ventricular beat 300 ms after sinus beats 5 and 12, on the preceding T wave. On 12 leads
     * the sinus beats are clearest in V4, where this ectopic QRS is small (a third of the sinus slope there); it was
     * taken for a T wave. It is steep in other leads and unlike the preceding beat's T wave at the same delay.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void detectsAnRonTPrematureVentricularBeatCoupledAt300Ms(int seed) {
        for (double rate : new double[] {60, 90}) {
            SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(500, 20, rate).withLeads(TWELVE_LEADS)
                    .withGaussianNoise(10), seed).withVentricularBeatAfter(5, 300).withVentricularBeatAfter(12, 300);

            BeatComparison result = score(ecg, detector.detect(ecg.recording()).beats());

            assertThat(ecg.beatKinds().chars().filter(k -> k == 'V').count()).isEqualTo(2);
            assertThat(result.falseNegatives()).as("beats missed at %.0f/min", rate).isZero();
            assertThat(result.falsePositives()).as("false beats at %.0f/min", rate).isZero();
        }
    }

    /**
     * 12 leads, narrow QRS and tall peaked T waves (hyperkalaemia-like: up to 1.6-1.9 mV, tallest in V2-V4, Gaussian
     * sigma 18-30 ms) at short RR (110-150/min, RR jitter ±4 %): the T wave falls 210-260 ms after the R peak,
     * inside the T-wave window, and repeats its predecessor's, so it is no beat. The narrowest (130/min, sigma 18 ms;
     * 140/min, sigma 25 ms at 1.2 times the height) are steep enough in leads other than the clearest one to pass as
     * R-on-T beats if the comparison with the preceding T wave were left out.
     */
    @ParameterizedTest
    @CsvSource({"110, 30, 1", "130, 30, 1", "150, 30, 1", "130, 18, 1", "140, 25, 1.2"})
    void doesNotCountTallTWavesAtShortRrAsBeats(double rate, double tSigmaMs, double tScale) {
        double fs = 500;
        double[] tallT = {500, 700, 300, -600, 200, 500, 400, 1600, 1500, 1200, 900, 600};
        Random random = new Random(Math.round(rate));
        int n = (int) (30 * fs);
        double[][] x = new double[12][n];
        int[] beats = new int[80];
        int count = 0;
        double rrMs = 60_000 / rate;
        for (double r = 400; r < 30_000 - 600; r += rrMs * (1 + 0.04 * (2 * random.nextDouble() - 1))) {
            beats[count++] = (int) Math.round(r * fs / 1000);
            double tDelay = 260 * Math.sqrt(rrMs / 500); // QT follows the rate
            for (int lead = 0; lead < 12; lead++) {
                double[] a = Waveforms.AMPLITUDES[lead];
                for (int i = Math.max(0, (int) ((r - 250) * fs / 1000)); i < Math.min(n, (r + 450) * fs / 1000); i++) {
                    double ms = i * 1000 / fs - r;
                    x[lead][i] += a[0] * gauss(ms + 150, 18) + a[1] * gauss(ms + 28, 7) + a[2] * gauss(ms, 9)
                            + a[3] * gauss(ms - 28, 7) + tScale * tallT[lead] * gauss(ms - tDelay, tSigmaMs);
                }
            }
        }
        int[][] microvolts = new int[12][n];
        for (int lead = 0; lead < 12; lead++) {
            for (int i = 0; i < n; i++) {
                microvolts[lead][i] = (int) Math.round(x[lead][i] + 10 * random.nextGaussian());
            }
        }
        EcgRecording recording = EcgRecording.of(fs, TWELVE_LEADS, microvolts);

        int[] detected = detector.detect(recording).beats().sampleIndices();

        BeatComparison result = BeatComparison.compare(Arrays.copyOf(beats, count), detected, 25, 0,
                List.of());
        assertThat(result.falsePositives()).as("T waves counted as beats").isZero();
        assertThat(result.falseNegatives()).isZero();
    }

    private static double gauss(double ms, double sigma) {
        return Math.exp(-ms * ms / (2 * sigma * sigma));
    }
}
