package org.yiwang.mpi;

import java.util.Map;

/**
 * The evidence the database found for a candidate, as one number: each reason is a probability that the records
 * are the same person, combined as independent evidence ({@code 1 - Π(1 - p)}). Breaks ties between candidates
 * the linkage engine scores alike.
 */
final class CandidateEvidence {

    private static final Map<DuplicateCandidate.Reason, Double> WEIGHTS = Map.of(
            DuplicateCandidate.Reason.SAME_DOCUMENT, 0.98,
            DuplicateCandidate.Reason.SAME_PINYIN_AND_BIRTH_DATE, 0.80,
            DuplicateCandidate.Reason.SAME_PINYIN_DAY_MONTH_SWAPPED, 0.60,
            DuplicateCandidate.Reason.SAME_PINYIN_NEAR_BIRTH_DATE, 0.50,
            DuplicateCandidate.Reason.SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX, 0.55,
            DuplicateCandidate.Reason.SAME_PHONE, 0.50);

    private CandidateEvidence() {
    }

    static double score(DuplicateCandidate candidate) {
        double different = 1.0;
        for (DuplicateCandidate.Reason reason : candidate.reasons()) {
            different *= 1.0 - WEIGHTS.getOrDefault(reason, 0.0);
        }
        return 1.0 - different;
    }
}
