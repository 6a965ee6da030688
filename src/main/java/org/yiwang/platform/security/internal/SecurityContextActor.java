package org.yiwang.platform.security.internal;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;

/** Reads the actor from Spring Security's context: a signed-in user or an API client. */
@Component
class SecurityContextActor implements CurrentActor {

    @Override
    public Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return switch (authentication.getPrincipal()) {
            case SignedInUser user -> Optional.of(user.actor());
            case ApiClientPrincipal client -> Optional.of(client.actor());
            case null, default -> Optional.empty();
        };
    }

    @Override
    public Set<Long> memberOrganisationIds() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                ? user.organisationIds()
                : Set.of();
    }
}
