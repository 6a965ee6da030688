package org.yiwang.ecg;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.rhythm.AfModel;
import org.yiwang.ecg.signal.rhythm.LogisticRegression;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ecg-eval --af} fits the regression that combines the RR model with the waveform network. */
class AfStackingTests {

    @Test
    void combinationGivesNoWeightToAnRrModelThatOnlyFitsNoiseInItsOwnTrainingRecords() {
        // RR features that say nothing about the label, a network logit that does. An RR model separates its own
        // training records by fitting their noise, so a combination fitted on those in-sample logits trusts it
        // (weight 0.3-1.2 on these 12 sets, mean 0.65); fitted on each record's logit from an RR model that did not
        // see it, the combination finds it worthless (weights either side of zero). The mean over the sets keeps the
        // test from resting on one set's chance.
        int sets = 12;
        double rrWeights = 0;
        for (int seed = 1; seed <= sets; seed++) {
            LogisticRegression combined = combinationFittedOn(new Random(seed));
            assertThat(combined.weights()[1]).as("network weight, set %d", seed).isGreaterThan(1.5);
            rrWeights += combined.weights()[0];
        }
        assertThat(rrWeights / sets).isBetween(-0.3, 0.2);
    }

    private static LogisticRegression combinationFittedOn(Random random) {
        int n = 150;
        double[][] features = new double[n][AfModel.FEATURES];
        double[] network = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            boolean af = i % 3 == 0;
            labels[i] = af ? "A" : "N";
            for (int f = 0; f < AfModel.FEATURES; f++) {
                features[i][f] = random.nextGaussian();
            }
            network[i] = (af ? 2 : -2) + 2 * random.nextGaussian();
        }
        return EcgRhythmEvaluation.fitWithNetwork(features, network, labels, -1).combined();
    }
}
