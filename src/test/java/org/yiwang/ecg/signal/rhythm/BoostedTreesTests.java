package org.yiwang.ecg.signal.rhythm;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoostedTreesTests {

    /** Outcome true when exactly one of the two features is positive: no linear model separates it. */
    private static double[][] xorRows(int n, long seed, boolean[] outcome) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            x[i] = new double[] { a, b, random.nextDouble() };
            outcome[i] = (a > 0) != (b > 0);
        }
        return x;
    }

    @Test
    void treesLearnAnInteractionThatNoLinearModelSeparates() {
        boolean[] y = new boolean[400];
        double[][] x = xorRows(400, 1, y);
        BoostedTrees model = BoostedTrees.fit(x, y, BoostedTrees.Settings.defaults());
        boolean[] test = new boolean[200];
        double[][] held = xorRows(200, 2, test);
        int correct = 0;
        for (int i = 0; i < held.length; i++) {
            correct += (model.probability(held[i]) >= 0.5) == test[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThan(180);
    }

    @Test
    void fittingIsDeterministicAndTheTextFormReadsBackExactly() {
        boolean[] y = new boolean[200];
        double[][] x = xorRows(200, 5, y);
        x[3][1] = Double.NaN;
        BoostedTrees a = BoostedTrees.fit(x, y, BoostedTrees.Settings.defaults());
        BoostedTrees b = BoostedTrees.fit(x, y, BoostedTrees.Settings.defaults());
        BoostedTrees parsed = BoostedTrees.parse(a.format());

        assertThat(b.format()).isEqualTo(a.format());
        for (double[] row : x) {
            assertThat(parsed.logOdds(row)).isEqualTo(a.logOdds(row));
        }
        assertThat(a.trees()).isEqualTo(BoostedTrees.Settings.defaults().trees());
    }

    @Test
    void missingValuesGoLeftAndStillGetAProbability() {
        boolean[] y = new boolean[200];
        double[][] x = xorRows(200, 7, y);
        BoostedTrees model = BoostedTrees.fit(x, y, BoostedTrees.Settings.defaults());

        assertThat(model.probability(new double[] { Double.NaN, Double.NaN, Double.NaN })).isBetween(0.0, 1.0);
    }
}
