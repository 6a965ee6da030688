package org.yiwang.mpi;

import java.util.List;

/**
 * Orders the likely existing residents found for a registration, most likely first, and scores them. The default
 * scores by the reasons the database found; the record-linkage engine ({@code mpi.matching}) plugs in here as
 * another implementation, comparing the probe with each candidate field by field.
 */
interface CandidateRanking {

    /** The person being registered, as the ranking sees them. */
    record Probe(String name, String pinyinKey, Sex sex, java.time.LocalDate birthDate, String divisionCode) {
    }

    List<DuplicateCandidate> rank(Probe probe, List<DuplicateCandidate> candidates);
}
