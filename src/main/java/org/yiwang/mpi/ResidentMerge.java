package org.yiwang.mpi;

import java.time.Instant;

/** A merge of one resident record into another, in force or undone. */
public record ResidentMerge(long id, ResidentListItem survivor, ResidentListItem merged, String reason,
        Instant mergedAt, String mergedBy, Instant unmergedAt, String unmergedBy, String unmergeReason) {

    public boolean inForce() {
        return unmergedAt == null;
    }
}
