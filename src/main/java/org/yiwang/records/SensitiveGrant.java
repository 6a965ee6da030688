package org.yiwang.records;

import java.time.Instant;

/**
 * An explicit grant that lets one organisation see one sensitive category of a resident's record (PIPL-01/02:
 * separate consent for sensitive personal information).
 *
 * @param grantedBy account that recorded the grant, or null for a system job
 * @param revokedAt when it was revoked, or null
 */
public record SensitiveGrant(long id, long residentId, long organisationId, SensitiveCategory category,
                             Long grantedBy, String reason, Instant grantedAt, Instant expiresAt, Instant revokedAt) {

    public boolean inForceAt(Instant at) {
        return revokedAt == null && expiresAt.isAfter(at);
    }
}
