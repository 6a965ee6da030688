package org.yiwang.records;

/**
 * The current actor may not read this resident's record: no care relationship of their organisation, no emergency
 * override of theirs, and they are neither the resident nor a system job. Web pages answer 403 and offer the
 * override when {@link #breakGlassOffered()}; APIs answer a 403 problem.
 */
public class RecordAccessDeniedException extends RuntimeException {

    private final long residentId;
    private final boolean breakGlassOffered;

    public RecordAccessDeniedException(long residentId, boolean breakGlassOffered) {
        super("No care relationship with resident " + residentId + (breakGlassOffered
                ? ": an emergency override (break-glass) with a reason is needed" : ""));
        this.residentId = residentId;
        this.breakGlassOffered = breakGlassOffered;
    }

    /** The resident asked for, as the caller named them. */
    public long residentId() {
        return residentId;
    }

    /** Whether the actor may open the record with an emergency override (staff with a clinical role). */
    public boolean breakGlassOffered() {
        return breakGlassOffered;
    }
}
