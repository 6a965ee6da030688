package org.yiwang.mpi;

import java.time.Instant;

/**
 * Two resident records were found to be the same person: {@code mergedId} now points to {@code survivorId}. The
 * merged record is kept (voided, never deleted); {@link Residents#resolve(long)} turns either id into the survivor.
 * Modules that hold resident ids keep working with either: they resolve when they look a resident up, and may
 * re-point their rows in a listener. Published inside the merging transaction (JDBC event publication registry).
 */
public record ResidentsMerged(long survivorId, long mergedId, long mergeId, Instant at) {
}
