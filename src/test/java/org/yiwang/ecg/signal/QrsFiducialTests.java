package org.yiwang.ecg.signal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Where on the QRS the detector puts each beat: on the R peak of the synthetic ECG (time 0 of its dipole). */
class QrsFiducialTests {

    static Stream<Arguments> recordings() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int fs : new int[] { 250, 360, 500 }) {
            for (int sign : new int[] { 1, -1 }) {
                b.add(Arguments.of(fs, LeadNames.STANDARD_12, sign));
                b.add(Arguments.of(fs, List.of("MLII", "V1"), sign));
                b.add(Arguments.of(fs, List.of("II"), sign));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} Hz, leads {1}, polarity {2}")
    @MethodSource("recordings")
    void detectedBeatsSitOnTheSyntheticRPeakWithinFiveMilliseconds(int samplingRateHz, List<String> leads, int sign) {
        SyntheticEcg ecg = SyntheticEcg.generate(SyntheticEcgSpec.sinus(samplingRateHz, 60, 72).withLeads(leads)
                .withGaussianNoise(20), 21 + samplingRateHz);
        EcgRecording recording = sign > 0 ? ecg.recording() : inverted(ecg.recording());

        int[] truth = ecg.beats().sampleIndices();
        int[] detected = new QrsDetector().detect(recording).beats().sampleIndices();

        assertThat(detected).hasSameSizeAs(truth);
        double[] errorsMs = new double[truth.length];
        double worstMs = 0;
        for (int i = 0; i < truth.length; i++) {
            errorsMs[i] = (detected[i] - truth[i]) * 1000.0 / samplingRateHz;
            worstMs = Math.max(worstMs, Math.abs(errorsMs[i]));
        }
        assertThat(worstMs).as("detected − true R peak, ms: %s", Arrays.toString(errorsMs)).isLessThanOrEqualTo(5.0);
    }

    private static EcgRecording inverted(EcgRecording r) {
        int[][] x = new int[r.leadCount()][];
        for (int l = 0; l < r.leadCount(); l++) {
            x[l] = r.leadMicrovolts(l);
            for (int i = 0; i < x[l].length; i++) {
                x[l][i] = -x[l][i];
            }
        }
        return EcgRecording.of(r.samplingRateHz(), r.leadNames(), x);
    }
}
