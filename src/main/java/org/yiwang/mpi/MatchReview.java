package org.yiwang.mpi;

import java.time.Instant;
import java.util.List;

/**
 * A pair of residents in the review queue: the engine's score and explanation when it was queued, and the decision.
 *
 * @param low the resident with the lower id (registered first)
 * @param probability the engine's posterior match probability, 0..1
 * @param engineDecision what the engine decided: {@code LINK} (merged by batch deduplication, or held back because
 *        a person had decided the pair before) or {@code REVIEW}
 * @param engineRule the deterministic rule that decided, or "" when the thresholds did
 * @param mergeId the merge in force when the pair was linked
 */
public record MatchReview(long id, ResidentListItem low, ResidentListItem high, double probability, double weightBits,
        String engineDecision, String engineRule, List<FieldWeight> explanation, Source source, Status status,
        Instant createdAt, Instant decidedAt, String decidedBy, String decisionReason, Long mergeId) {

    public enum Status { PENDING, LINKED, NOT_A_MATCH, SUPERSEDED }

    /** Where the pair came from. */
    public enum Source { BATCH, REGISTRATION, EDIT }

    /** One field of the engine's explanation: agreement level ({@code MISSING} when a side lacks it) and weight. */
    public record FieldWeight(String field, String level, double weightBits) {
    }

    public MatchReview {
        explanation = List.copyOf(explanation);
    }
}
