package org.yiwang.records;

/**
 * The change cannot be made to the entry as it stands now: it was voided meanwhile, or a sender's id of the item was
 * already used for a different item.
 */
public class EntryConflictException extends RuntimeException {

    public EntryConflictException(String message) {
        super(message);
    }
}
