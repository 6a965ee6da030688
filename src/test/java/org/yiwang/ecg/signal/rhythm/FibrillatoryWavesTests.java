package org.yiwang.ecg.signal.rhythm;

import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FibrillatoryWavesTests {

    private static FibrillatoryWaves measure(SyntheticEcgSpec spec, long seed) {
        SyntheticEcg ecg = SyntheticEcg.generate(spec, seed);
        EcgRecording recording = ecg.recording();
        int lead = recording.indexOfLead("II");
        return FibrillatoryWaves.measure(recording.leadMicrovolts(lead), ecg.beats().sampleIndices(), null,
                recording.samplingRateHz());
    }

    @Test
    void fibrillatoryWavesRaiseTheResidualBandShareAndAmplitude() {
        for (long seed = 1; seed <= 3; seed++) {
            FibrillatoryWaves sinus = measure(SyntheticEcgSpec.sinus(300, 30, 80).withGaussianNoise(10), seed);
            FibrillatoryWaves af = measure(SyntheticEcgSpec.sinus(300, 30, 80).withAtrialFibrillation(0.2)
                    .withGaussianNoise(10), seed);

            assertThat(af.bandShare()).isGreaterThan(sinus.bandShare() + 0.05);
            assertThat(af.residualRatio()).isGreaterThan(2 * sinus.residualRatio());
            assertThat(af.tqWaveRatio()).isGreaterThan(2 * sinus.tqWaveRatio());
            // The synthetic f waves are 4.5–8 Hz.
            assertThat(af.dominantHz()).isBetween(4.0, 8.5);
        }
    }

    @Test
    void sinusRhythmWithPWavesKeepsThePWaveProminentOverTheResidual() {
        for (long seed = 1; seed <= 3; seed++) {
            FibrillatoryWaves sinus = measure(SyntheticEcgSpec.sinus(300, 30, 80).withGaussianNoise(10), seed);
            FibrillatoryWaves af = measure(SyntheticEcgSpec.sinus(300, 30, 80).withAtrialFibrillation(0.2)
                    .withGaussianNoise(10), seed);

            assertThat(sinus.pWaveProminence()).isGreaterThan(2 * af.pWaveProminence());
        }
    }

    @Test
    void tooFewBeatsGiveUnknown() {
        FibrillatoryWaves w = FibrillatoryWaves.measure(new int[3000], new int[] { 500, 1000, 1500 }, null, 300);

        assertThat(w.bandShare()).isNaN();
        assertThat(w.pWaveProminence()).isNaN();
    }

    @Test
    void welchSpectrumPeaksAtTheFrequencyOfASine() {
        double fs = 300;
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 50 * Math.sin(2 * Math.PI * 6.2 * i / fs);
        }
        double[] power = FibrillatoryWaves.welch(x, 512);
        int peak = 0;
        for (int k = 1; k < power.length; k++) {
            if (power[k] > power[peak]) {
                peak = k;
            }
        }
        assertThat(peak * fs / 512).isCloseTo(6.2, within(fs / 512));
        // Parseval: band power of the sine is its mean square (1,250 µV²) up to window leakage.
        assertThat(FibrillatoryWaves.bandPower(power, fs / 512, 5, 7.5) * 2 / 512).isCloseTo(1250, within(60.0));
    }
}
