package org.yiwang.platform.audit;

/**
 * Append-only, hash-chained trail of security events and of every read and write of a resident's
 * personal health data. The actor, role, organisation, time and client address are taken from the
 * current request; callers say what happened.
 */
public interface AuditTrail {

    void record(AuditEvent event);
}
