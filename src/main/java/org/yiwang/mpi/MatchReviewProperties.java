package org.yiwang.mpi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yiwang.mpi.matching.MatchThresholds;

/**
 * Settings under {@code yiwang.mpi.review}: the matching engine's two thresholds on the match probability (at or
 * above {@code autoLinkProbability} batch deduplication merges a pair, at or above {@code reviewProbability} it goes
 * to the review queue; the engine's ID rules apply first), the largest blocking block compared, and the queue's page
 * size.
 */
@ConfigurationProperties("yiwang.mpi.review")
record MatchReviewProperties(
        @DefaultValue("0.9999") double autoLinkProbability,
        @DefaultValue("0.5") double reviewProbability,
        @DefaultValue("500") int maxBlockSize,
        @DefaultValue("20") int pageSize) {

    MatchReviewProperties {
        thresholds(autoLinkProbability, reviewProbability);
        if (maxBlockSize < 2 || pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("yiwang.mpi.review.max-block-size ≥ 2 and 1 ≤ page-size ≤ 200");
        }
    }

    MatchThresholds thresholds() {
        return thresholds(autoLinkProbability, reviewProbability);
    }

    private static MatchThresholds thresholds(double autoLink, double review) {
        return new MatchThresholds(autoLink, review);
    }
}
