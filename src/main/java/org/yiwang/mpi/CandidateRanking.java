package org.yiwang.mpi;

import java.time.LocalDate;
import java.util.List;

/**
 * Orders the likely existing residents found for a registration, most likely first, and scores them. The database
 * finds them (blind indexes, pinyin, birth date); a ranking compares the person being registered with each one.
 * {@link LinkageCandidateRanking} uses the record-linkage engine ({@code mpi.matching}).
 */
interface CandidateRanking {

    /** A person as the ranking compares them: plain values, held in memory only for the comparison. */
    record Person(String name, Sex sex, LocalDate birthDate, String idNumber, String phone, String address) {

        @Override
        public String toString() {
            return "Person[masked]";
        }
    }

    /** A candidate found by the database, with the values to compare. */
    record Candidate(DuplicateCandidate found, Person person) {
    }

    List<DuplicateCandidate> rank(Person probe, List<Candidate> candidates);
}
