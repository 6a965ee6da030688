package org.yiwang.ecg.signal.rhythm;

import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.Waveforms;

import static org.assertj.core.api.Assertions.assertThat;

class AfModelTests {

    @Test
    void fittedModelSeparatesIrregularFromRegularSeries() {
        int n = 60;
        double[][] x = new double[n][];
        boolean[] af = new boolean[n];
        for (int i = 0; i < n; i++) {
            af[i] = i % 2 == 0;
            double[] beats = af[i] ? Waveforms.irregularBeats(700, 0.3, 30_000, i)
                    : Waveforms.irregularBeats(850, 0.03, 30_000, i);
            x[i] = AfModel.features(RrIrregularity.of(beats, null), Double.NaN);
        }
        AfModel model = AfModel.fit(x, af, 1.0);
        for (int i = 0; i < n; i++) {
            assertThat(model.probability(x[i]) >= 0.5).isEqualTo(af[i]);
        }
    }

    @Test
    void unknownPWaveEvidenceDropsOut() {
        AfModel model = AfModel.defaults();
        RrIrregularity rr = RrIrregularity.of(Waveforms.irregularBeats(700, 0.3, 30_000, 3), null);
        double withMean = model.probability(AfModel.features(rr, model.means()[AfModel.FEATURES - 1]));
        assertThat(model.probability(AfModel.features(rr, Double.NaN))).isEqualTo(withMean);
        assertThat(model.probability(AfModel.features(rr, 1.0))).isLessThan(withMean);
    }

    @Test
    void coefficientOfSampleEntropyIsHigherForIrregularRhythm() {
        RrIrregularity regular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.02, 30_000, 1), null);
        RrIrregularity irregular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.3, 30_000, 1), null);
        assertThat(irregular.coefficientOfSampleEntropy()).isGreaterThan(regular.coefficientOfSampleEntropy() + 1);
        assertThat(irregular.turningPointRatio()).isBetween(0.5, 0.8);
        assertThat(irregular.normalizedRmssd()).isGreaterThan(5 * regular.normalizedRmssd());
    }
}
