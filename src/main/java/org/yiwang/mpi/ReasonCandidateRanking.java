package org.yiwang.mpi;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Scores candidates by the evidence the database found: each reason is a probability that the records are the
 * same person, combined as independent evidence ({@code 1 - Π(1 - p)}). Ties keep the older record first.
 */
class ReasonCandidateRanking implements CandidateRanking {

    private static final Map<DuplicateCandidate.Reason, Double> WEIGHTS = Map.of(
            DuplicateCandidate.Reason.SAME_DOCUMENT, 0.98,
            DuplicateCandidate.Reason.SAME_PINYIN_AND_BIRTH_DATE, 0.80,
            DuplicateCandidate.Reason.SAME_PINYIN_DAY_MONTH_SWAPPED, 0.60,
            DuplicateCandidate.Reason.SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX, 0.55,
            DuplicateCandidate.Reason.SAME_PHONE, 0.50);

    @Override
    public List<DuplicateCandidate> rank(Person probe, List<Candidate> candidates) {
        return candidates.stream()
                .map(Candidate::found)
                .map(c -> new DuplicateCandidate(c.resident(), c.reasons(), score(c)))
                .sorted(Comparator.comparingDouble(DuplicateCandidate::score).reversed()
                        .thenComparingLong(c -> c.resident().id()))
                .toList();
    }

    static double score(DuplicateCandidate candidate) {
        double different = 1.0;
        for (DuplicateCandidate.Reason reason : candidate.reasons()) {
            different *= 1.0 - WEIGHTS.getOrDefault(reason, 0.0);
        }
        return 1.0 - different;
    }
}
