package org.yiwang.platform.audit;

/**
 * Append-only, hash-chained trail of security events and of every read and write of a resident's
 * personal health data. The actor, role, organisation, time and client address are taken from the
 * current request; callers say what happened.
 */
public interface AuditTrail {

    void record(AuditEvent event);

    /**
     * Records many events of one caller at once (a batch job's writes), in the caller's transaction, as
     * {@link #record} would one by one; they are chained in this order by the sealer like any other entry.
     */
    default void recordAll(java.util.List<AuditEvent> events) {
        events.forEach(this::record);
    }

    /** Most entries one page of {@link #accessLog} returns. */
    int MAX_ACCESS_LOG_PAGE = 100;

    /**
     * "Who viewed my record": reads and writes of the health data of any of {@code residentIds} (a resident and the
     * records merged into them), newest first, strictly before {@code before} when given, at most {@code limit}
     * (capped at {@link #MAX_ACCESS_LOG_PAGE}). Entries written by the residents' own portal accounts are left out;
     * security and administration events are not accesses and are left out too.
     */
    ResidentAccess.Page accessLog(java.util.Collection<Long> residentIds, ResidentAccess.Cursor before, int limit);
}
