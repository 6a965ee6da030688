package org.yiwang.mpi;

/**
 * A merge, unmerge or review decision that the current state does not allow: the pair was decided by someone else
 * meanwhile, a record is already merged or voided, or the merge to undo is not in force. Answered with 409.
 */
public class MergeConflictException extends RuntimeException {

    private final String messageKey;

    public MergeConflictException(String messageKey, String detail) {
        super(detail);
        this.messageKey = messageKey;
    }

    /** Message-bundle key of the reason, e.g. {@code mpi.review.error.ALREADY_DECIDED}. */
    public String messageKey() {
        return messageKey;
    }
}
