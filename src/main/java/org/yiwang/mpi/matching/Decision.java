package org.yiwang.mpi.matching;

/** What to do with a candidate pair. */
public enum Decision {
    /** Same person: link automatically. */
    LINK,
    /** Possibly the same person: a person decides (review queue). */
    REVIEW,
    /** Different persons. */
    NON_MATCH
}
