package org.yiwang.records;

/**
 * The refusal of one item of {@link HealthRecord#recordOrFindAll}: nothing of the list is stored. The cause is what
 * {@link HealthRecord#recordOrFind} would have thrown for that item alone ({@link EntryInputException},
 * {@link EntryConflictException}, {@link EntryWriteDeniedException}…).
 */
public class EntryBatchException extends RuntimeException {

    private final int position;

    EntryBatchException(int position, RuntimeException cause) {
        super("item " + position + ": " + cause.getMessage(), cause);
        this.position = position;
    }

    /** The refused item's index in the list given. */
    public int position() {
        return position;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
