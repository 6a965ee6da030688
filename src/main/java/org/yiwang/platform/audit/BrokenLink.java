package org.yiwang.platform.audit;

/**
 * Where the audit chain first fails verification.
 *
 * @param chainSeq the chain position that fails (for a gap: the missing position; 0 for an unchained entry)
 * @param auditEventId the stored entry found there, or null when none is (a cut-off tail, a bad anchor)
 * @param reason what is wrong
 */
public record BrokenLink(long chainSeq, Long auditEventId, Reason reason) {

    public enum Reason {
        /** The entry's stored hash does not match its fields: it was altered or forged. */
        HASH_MISMATCH,
        /** The entry does not point at its predecessor's hash: entries were reordered or replaced. */
        BROKEN_LINK,
        /** A chain position is missing: an entry was deleted. */
        SEQUENCE_GAP,
        /** The chain ends before the last sealed position: entries at the end were deleted. */
        TRUNCATED,
        /** The retention anchor or the recorded chain head is not authentic. */
        ANCHOR_MISMATCH,
        /** An entry is neither in the chain nor waiting for the sealer: it was written around the trail. */
        UNCHAINED
    }
}
