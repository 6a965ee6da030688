package org.yiwang.mpi.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExpectationMaximisationTests {

    /** Exact expected pattern counts of a latent-class model (no sampling noise) for three fields. */
    private static Map<Long, Long> expectedCounts(double prior, double[][] m, double[][] u, long pairs) {
        Map<Long, Long> counts = new HashMap<>();
        for (int a = 0; a < m[0].length; a++) {
            for (int b = 0; b < m[1].length; b++) {
                for (int c = 0; c < m[2].length; c++) {
                    double p = prior * m[0][a] * m[1][b] * m[2][c] + (1 - prior) * u[0][a] * u[1][b] * u[2][c];
                    counts.put(RecordLinkage.encode(new int[] {a, b, c}), Math.round(p * pairs));
                }
            }
        }
        return counts;
    }

    private static MatchModel model(double prior, double[][] m, double[][] u) {
        return new MatchModel("test", prior, List.of(
                new MatchModel.FieldParameters("f0", List.of("D", "E"), m[0], u[0]),
                new MatchModel.FieldParameters("f1", List.of("D", "C", "E"), m[1], u[1]),
                new MatchModel.FieldParameters("f2", List.of("D", "E"), m[2], u[2])));
    }

    @Test
    void recoversKnownMatchAndNonMatchProbabilities() {
        double[][] m = {{0.1, 0.9}, {0.05, 0.15, 0.8}, {0.2, 0.8}};
        double[][] u = {{0.95, 0.05}, {0.8, 0.15, 0.05}, {0.7, 0.3}};
        Map<Long, Long> counts = expectedCounts(0.2, m, u, 100_000_000L);
        MatchModel start = model(0.5, new double[][] {{0.3, 0.7}, {0.2, 0.2, 0.6}, {0.4, 0.6}},
                new double[][] {{0.7, 0.3}, {0.6, 0.2, 0.2}, {0.6, 0.4}});

        ExpectationMaximisation.Fit fit = ExpectationMaximisation.fit(start, counts, 5_000, 1e-9);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().matchPrior()).isCloseTo(0.2, within(1e-3));
        for (int f = 0; f < 3; f++) {
            double[] fittedM = fit.model().fields().get(f).m();
            double[] fittedU = fit.model().fields().get(f).u();
            for (int l = 0; l < m[f].length; l++) {
                assertThat(fittedM[l]).as("m f%d l%d", f, l).isCloseTo(m[f][l], within(2e-3));
                assertThat(fittedU[l]).as("u f%d l%d", f, l).isCloseTo(u[f][l], within(2e-3));
            }
        }
    }

    @Test
    void fittingThePriorAloneKeepsMAndU() {
        double[][] m = {{0.1, 0.9}, {0.05, 0.15, 0.8}, {0.2, 0.8}};
        double[][] u = {{0.95, 0.05}, {0.8, 0.15, 0.05}, {0.7, 0.3}};
        Map<Long, Long> counts = expectedCounts(0.3, m, u, 10_000_000L);
        ExpectationMaximisation.Fit fit = ExpectationMaximisation.fitPrior(model(0.5, m, u), counts, 1_000, 1e-9);
        assertThat(fit.model().matchPrior()).isCloseTo(0.3, within(1e-3));
        assertThat(fit.model().fields().get(1).m()).containsExactly(m[1]);
        assertThat(fit.model().fields().get(1).u()).containsExactly(u[1]);
    }

    @Test
    void estimatesUFromRandomPairsDeterministically() {
        List<PreparedRecord> records = SyntheticResidents.generate(2_000, 0.0, 7).stream()
                .map(r -> PreparedRecord.of(r.record())).toList();
        List<FieldComparison> comparisons = LinkageProfile.chineseResidents().comparisons();
        double[][] first = ExpectationMaximisation.estimateU(comparisons, records, 50_000, 1);
        double[][] again = ExpectationMaximisation.estimateU(comparisons, records, 50_000, 1);
        assertThat(first).isDeepEqualTo(again);
        // sex: about half of random pairs agree; names: almost never
        assertThat(first[ChineseResidentProfile.SEX][1]).isBetween(0.45, 0.55);
        assertThat(first[ChineseResidentProfile.NAME][0]).isGreaterThan(0.98);
    }
}
