package org.yiwang.mpi;

import java.time.Instant;

/**
 * A merge was undone: {@code mergedId} is a resident of its own again, restored as it was before merge
 * {@code mergeId}. Rows that a listener re-pointed to the survivor because of that merge may be pointed back.
 *
 * @param survivorKeptEdits true when the survivor had been edited after the merge and kept those edits (its own
 *        fields were not rolled back; the pair went back to review)
 */
public record ResidentsUnmerged(long survivorId, long mergedId, long mergeId, Instant at, boolean survivorKeptEdits) {
}
