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
}
