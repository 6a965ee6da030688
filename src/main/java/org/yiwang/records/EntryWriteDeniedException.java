package org.yiwang.records;

/**
 * The current actor may not write this entry: items are recorded, corrected and voided only in the name of the
 * organisation the actor acts for (a clinic cannot put words in another's mouth), and residents write none.
 */
public class EntryWriteDeniedException extends RuntimeException {

    public EntryWriteDeniedException(String message) {
        super(message);
    }
}
