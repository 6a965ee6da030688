package org.yiwang.records;

import java.time.Instant;

/**
 * A relationship of care between an organisation and a resident.
 *
 * @param sourceReference what it comes from, in the granting module's words (e.g. {@code referral:812}); null for
 *                        relationships recorded by the record itself
 * @param endsAt          when it ends, or null while open-ended
 */
public record CareRelationship(long id, long residentId, long organisationId, CareRelationshipKind kind,
                               String sourceReference, Instant startedAt, Instant endsAt) {

    public boolean inForceAt(Instant at) {
        return !startedAt.isAfter(at) && (endsAt == null || endsAt.isAfter(at));
    }
}
