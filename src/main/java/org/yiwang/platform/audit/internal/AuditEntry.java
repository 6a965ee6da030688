package org.yiwang.platform.audit.internal;

import java.time.Instant;

/** The recorded fields of one audit entry, as stored; everything here is covered by the entry's hash. */
record AuditEntry(
        long id,
        Instant occurredAt,
        String category,
        String action,
        String outcome,
        Long actorAccountId,
        String actorUsername,
        String actorRole,
        String actorKind,
        Long organisationId,
        Long residentId,
        String objectType,
        String objectId,
        String purpose,
        String subject,
        String detail,
        String clientAddress,
        String correlationId) {
}
