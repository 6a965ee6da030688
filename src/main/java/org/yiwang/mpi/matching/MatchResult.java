package org.yiwang.mpi.matching;

import java.util.List;

/**
 * The comparison of two records: total weight in bits (prior log-odds plus the field weights), posterior match
 * probability, decision, the deterministic rule that decided it (or "" when the thresholds did) and the
 * field-by-field explanation for the review screen.
 */
public record MatchResult(String leftRecordId, String rightRecordId, double weightBits, double probability,
                          Decision decision, String rule, List<FieldAgreement> explanation) {

    public MatchResult {
        explanation = List.copyOf(explanation);
    }
}
