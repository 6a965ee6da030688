package org.yiwang.mpi;

import java.util.Set;

/**
 * A resident already on file who may be the person being registered, with why the master index thinks so.
 *
 * @param score 0..1, higher is more likely the same person; from the reasons, or from the matching engine when one
 *        is plugged in ({@link CandidateRanking})
 */
public record DuplicateCandidate(ResidentListItem resident, Set<Reason> reasons, double score) {

    public enum Reason {
        /** The same identity-document number (blind index) — certainly the same person or a typing error. */
        SAME_DOCUMENT,
        /** The same phone number (blind index). */
        SAME_PHONE,
        /** The same toneless pinyin and birth date: homophones (张伟/章伟), traditional characters (陳/陈). */
        SAME_PINYIN_AND_BIRTH_DATE,
        /** The same toneless pinyin, birth date with day and month swapped (1990-03-04 / 1990-04-03). */
        SAME_PINYIN_DAY_MONTH_SWAPPED,
        /** The same toneless pinyin, birth date one day, month or year off (a typing error in one part). */
        SAME_PINYIN_NEAR_BIRTH_DATE,
        /** Born the same day, same sex, similar pinyin (pg_trgm): typos and look-alike characters. */
        SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX;

        public String messageKey() {
            return "mpi.candidate.reason." + name();
        }
    }
}
