package org.yiwang.records;

import java.time.Instant;

/**
 * An emergency override (破窗访问): one staff account, acting for one organisation, may read one resident's record
 * without a care relationship until {@code expiresAt}, for the reason given.
 */
public record BreakGlass(long id, long accountId, long organisationId, long residentId, String reason,
                         Instant startedAt, Instant expiresAt) {
}
