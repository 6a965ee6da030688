package org.yiwang.mpi.matching;

/**
 * The two thresholds on the posterior match probability of a pair: at or above {@code autoLinkProbability} the
 * pair links automatically, at or above {@code reviewProbability} it goes to review, below it is a non-match.
 */
public record MatchThresholds(double autoLinkProbability, double reviewProbability) {

    public MatchThresholds {
        if (!(reviewProbability > 0 && reviewProbability <= autoLinkProbability && autoLinkProbability < 1)) {
            throw new IllegalArgumentException("need 0 < review ≤ auto-link < 1, got review=" + reviewProbability
                    + " auto-link=" + autoLinkProbability);
        }
    }

    /** Defaults for Chinese resident registrations (see docs/benchmarks.md for how they were chosen). */
    public static MatchThresholds chineseResidentDefaults() {
        return new MatchThresholds(0.9999, 0.5);
    }

    /** Defaults for FEBRL-like person files. */
    public static MatchThresholds febrlDefaults() {
        return new MatchThresholds(0.99, 0.5);
    }

    /** The decision for a probability (deterministic rules are applied by {@link RecordLinkage}). */
    public Decision decide(double probability) {
        if (probability >= autoLinkProbability) {
            return Decision.LINK;
        }
        return probability >= reviewProbability ? Decision.REVIEW : Decision.NON_MATCH;
    }
}
