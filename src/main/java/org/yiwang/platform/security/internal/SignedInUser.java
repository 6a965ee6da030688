package org.yiwang.platform.security.internal;

import java.io.Serial;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.NewStaffAccount.Membership;
import org.yiwang.platform.security.Role;

/**
 * The principal of a browser session: the account, all its memberships, and the organisation it acts
 * for now. Authorities are the roles held at the acting organisation only. Stored in the JDBC session,
 * hence serializable.
 */
final class SignedInUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Actor actor;
    private final List<Membership> memberships;
    private final boolean enabled;
    private final boolean accountNonLocked;
    private final boolean mustChangePassword;
    private String passwordHash;

    private SignedInUser(Actor actor, List<Membership> memberships, boolean enabled, boolean accountNonLocked,
            boolean mustChangePassword, String passwordHash) {
        this.actor = actor;
        this.memberships = List.copyOf(memberships);
        this.enabled = enabled;
        this.accountNonLocked = accountNonLocked;
        this.mustChangePassword = mustChangePassword;
        this.passwordHash = passwordHash;
    }

    static SignedInUser of(AccountRecord account, boolean locked) {
        List<Membership> memberships = account.memberships();
        Long actingOrganisation = memberships.isEmpty() ? null : memberships.getFirst().organisationId();
        Actor.Kind kind = Actor.Kind.valueOf(account.kind());
        Set<Role> roles = kind == Actor.Kind.RESIDENT ? Set.of(Role.RESIDENT) : rolesAt(memberships, actingOrganisation);
        Actor actor = new Actor(account.id(), account.username(), account.displayName(), kind, roles,
                kind == Actor.Kind.RESIDENT ? null : actingOrganisation, account.practitionerId(), account.residentId());
        return new SignedInUser(actor, memberships, account.enabled(), !locked, account.mustChangePassword(),
                account.passwordHash());
    }

    /** The same user acting for another of their organisations. */
    SignedInUser actingFor(long organisationId) {
        if (!organisationIds().contains(organisationId)) {
            throw new IllegalArgumentException("Not a member of organisation " + organisationId);
        }
        Actor switched = new Actor(actor.accountId(), actor.username(), actor.displayName(), actor.kind(),
                rolesAt(memberships, organisationId), organisationId, actor.practitionerId(), actor.residentId());
        return new SignedInUser(switched, memberships, enabled, accountNonLocked, mustChangePassword, null);
    }

    SignedInUser withPasswordChanged() {
        return new SignedInUser(actor, memberships, enabled, accountNonLocked, false, null);
    }

    Set<Long> organisationIds() {
        return memberships.stream().map(Membership::organisationId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<Role> rolesAt(List<Membership> memberships, Long organisationId) {
        return memberships.stream()
                .filter(m -> organisationId != null && m.organisationId() == organisationId)
                .map(Membership::role)
                .collect(Collectors.toSet());
    }

    Actor actor() {
        return actor;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return accountNonLocked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser u && u.actor.accountId() == actor.accountId();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(actor.accountId());
    }
}
