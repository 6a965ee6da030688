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
    void withoutTheNetworksLogitTheRrModelAloneDecides() {
        AfModel model = AfModel.defaults();
        double[] x = AfModel.features(RrIrregularity.of(Waveforms.irregularBeats(700, 0.3, 30_000, 5), null), 0.4);
        assertThat(model.probability(x, Double.NaN)).isEqualTo(model.probability(x));
        assertThat(model.usesNetwork(x, Double.NaN)).isFalse();
        assertThat(model.usesNetwork(x, 2)).isTrue();
        assertThat(new AfModel(model.regression()).usesNetwork(x, 2)).as("no combined coefficients").isFalse();
    }

    @Test
    void theWaveformsLogitMovesTheCombinedProbabilityBothWays() {
        AfModel model = AfModel.defaults();
        double[] x = AfModel.features(RrIrregularity.of(Waveforms.irregularBeats(750, 0.12, 30_000, 6), null), 0.5);
        double rrOnly = model.probability(x);
        assertThat(model.probability(x, 6)).isGreaterThan(rrOnly);
        assertThat(model.probability(x, -6)).isLessThan(rrOnly);
    }

    @Test
    void withTooFewIntervalsForRrFeaturesTheNetworkAloneDecides() {
        AfModel model = AfModel.defaults();
        assertThat(model.probability(null, 6)).isGreaterThan(0.5);
        assertThat(model.probability(null, -6)).isLessThan(0.5);
        assertThat(model.probability(null, Double.NaN)).isNaN();
        assertThat(new AfModel(model.regression()).probability(null, 6)).isNaN();
        assertThat(model.usesNetwork(null, 6)).isTrue();
        assertThat(model.usesNetwork(null, Double.NaN)).isFalse();
    }

    @Test
    void combinedModelIsFittedOnRecordsWithBothLogits() {
        double[] rr = { -3, -2, -1, 1, 2, 3, 0, 0 };
        double[] network = { -2, -3, 1, -1, 3, 2, Double.NaN, 5 };
        boolean[] af = { false, false, false, true, true, true, true, true };
        LogisticRegression combined = AfModel.fitCombined(rr, network, af, 1.0);
        assertThat(combined.weights()).hasSize(2);
        assertThat(combined.probability(new double[] { 3, 3 })).isGreaterThan(0.5);
        assertThat(combined.probability(new double[] { -3, -3 })).isLessThan(0.5);
    }

    @Test
    void coefficientOfSampleEntropyIsHigherForIrregularRhythm() {
        RrIrregularity regular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.02, 30_000, 1), null);
        RrIrregularity irregular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.3, 30_000, 1), null);
        assertThat(irregular.coefficientOfSampleEntropy()).isGreaterThan(regular.coefficientOfSampleEntropy() + 1);
        assertThat(irregular.turningPointRatio()).isBetween(0.5, 0.8);
        assertThat(irregular.normalizedRmssd()).isGreaterThan(5 * regular.normalizedRmssd());
    }

    @Test
    void rdrMapIsDispersedForIrregularAndClusteredForRegularRhythm() {
        RrIrregularity regular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.02, 60_000, 4), null);
        RrIrregularity irregular = RrIrregularity.of(Waveforms.irregularBeats(800, 0.3, 60_000, 4), null);
        assertThat(irregular.rdrCellFraction()).isGreaterThan(0.7);
        assertThat(regular.rdrCellFraction()).isLessThan(0.4);
        assertThat(irregular.relativeRdrCellFraction()).isGreaterThan(regular.relativeRdrCellFraction() + 0.3);
        assertThat(irregular.poincareRatio()).isGreaterThan(0.5);
    }

    @Test
    void bigeminyIsAnticorrelatedAndLooksEctopicNotFibrillatory() {
        double[] rr = new double[60];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = i % 2 == 0 ? 500 + (i % 3) * 5 : 1100 - (i % 3) * 5; // coupling interval, compensatory pause
        }
        RrIrregularity bigeminy = RrIrregularity.ofIntervals(rr);
        RrIrregularity fibrillation = RrIrregularity.of(Waveforms.irregularBeats(800, 0.3, 50_000, 6), null);
        assertThat(bigeminy.lag1Autocorrelation()).isLessThan(-0.8);
        assertThat(Math.abs(fibrillation.lag1Autocorrelation())).isLessThan(0.35);
        assertThat(bigeminy.ectopicPatternFraction()).isGreaterThan(0.9);
        assertThat(fibrillation.ectopicPatternFraction()).isLessThan(0.6);
        assertThat(bigeminy.rdrCellFraction()).isLessThan(0.2);
    }

    @Test
    void beatClassesGiveTheShareOfEctopicBeats() {
        double[] beats = Waveforms.regularBeats(75, 20_000);
        BeatType[] types = new BeatType[beats.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = i % 5 == 4 ? BeatType.VENTRICULAR : i % 5 == 2 ? BeatType.SUPRAVENTRICULAR : BeatType.NORMAL;
        }
        RrIrregularity rr = RrIrregularity.of(beats, types);
        assertThat(rr.ventricularFraction()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
        assertThat(rr.supraventricularFraction()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
        assertThat(rr.heartRateBpm()).isCloseTo(75, org.assertj.core.data.Offset.offset(1.0));
        assertThat(rr.vector()).hasSize(RrIrregularity.FEATURE_NAMES.length);
    }
}
