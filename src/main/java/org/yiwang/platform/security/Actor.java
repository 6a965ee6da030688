package org.yiwang.platform.security;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in person or system acting now: a staff member acting for one organisation, a resident,
 * or an API client of an organisation.
 *
 * @param accountId account (or API client) id
 * @param username login name, or {@code api-client:<id>} for API clients
 * @param displayName name to show
 * @param kind staff, resident or API client
 * @param roles roles held at the acting organisation
 * @param actingOrganisationId organisation the actor acts for now; null for residents
 * @param practitionerId registry practitioner behind a staff account, if any
 * @param residentId master-index resident behind a resident account, if any
 */
public record Actor(
        long accountId,
        String username,
        String displayName,
        Kind kind,
        Set<Role> roles,
        Long actingOrganisationId,
        Long practitionerId,
        Long residentId) implements Serializable {

    public enum Kind { STAFF, RESIDENT, API_CLIENT }

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** The role shown in audit entries and page headers: the first held, in {@link Role} order. */
    public Role primaryRole() {
        return roles.stream().sorted().findFirst().orElse(null);
    }
}
