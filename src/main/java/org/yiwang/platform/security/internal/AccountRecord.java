package org.yiwang.platform.security.internal;

import java.time.Instant;
import java.util.List;
import org.yiwang.platform.security.NewStaffAccount.Membership;

/** A row of platform.account with its memberships. */
record AccountRecord(
        long id,
        String username,
        String displayName,
        String passwordHash,
        String kind,
        Long practitionerId,
        Long residentId,
        boolean enabled,
        boolean demo,
        boolean mustChangePassword,
        int failedAttempts,
        Instant lockedUntil,
        Instant lastLoginAt,
        List<Membership> memberships) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
