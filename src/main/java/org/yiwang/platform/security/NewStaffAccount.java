package org.yiwang.platform.security;

import java.util.List;

/**
 * A staff account to create.
 *
 * @param memberships organisations the person works for, with the roles held at each
 * @param demo demo accounts are listed at startup and never forced to change their password
 */
public record NewStaffAccount(
        String username,
        String displayName,
        String initialPassword,
        Long practitionerId,
        List<Membership> memberships,
        boolean demo) {

    public record Membership(long organisationId, Role role) implements java.io.Serializable {
    }
}
