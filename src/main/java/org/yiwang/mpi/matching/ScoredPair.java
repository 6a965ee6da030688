package org.yiwang.mpi.matching;

/**
 * A scored candidate pair of a batch, by record positions in the batch's input lists; {@code byRule} when a
 * deterministic rule, not the thresholds, made the decision.
 */
public record ScoredPair(int left, int right, double weightBits, double probability, Decision decision,
                         boolean byRule) {

    /** Whether the pair would be linked automatically at another auto-link threshold (rules still apply). */
    public boolean linkedAt(double autoLinkProbability) {
        return byRule ? decision == Decision.LINK : probability >= autoLinkProbability;
    }
}
