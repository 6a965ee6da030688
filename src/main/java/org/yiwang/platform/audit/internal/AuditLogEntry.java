package org.yiwang.platform.audit.internal;

import java.time.Instant;

/** One line of the admin listing; {@code chainSeq} is null until the entry is sealed. */
record AuditLogEntry(
        long id,
        Instant occurredAt,
        String category,
        String action,
        String outcome,
        String actorUsername,
        String subject,
        String actorRole,
        Long organisationId,
        Long residentId,
        String objectType,
        String objectId,
        String purpose,
        String detail,
        String clientAddress,
        Long chainSeq) {

    AuditLogCursor cursor() {
        return new AuditLogCursor(occurredAt, id);
    }
}
