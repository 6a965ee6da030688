package org.yiwang.platform.security.internal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.yiwang.platform.demo.DemoActors;
import org.yiwang.platform.demo.DemoMode;

/** {@link DemoActors} on the thread's security context, the same principal a sign-in and an organisation switch give. */
@Component
class SecurityContextDemoActors implements DemoActors {

    private final DemoMode demoMode;
    private final AccountUserDetailsService users;

    SecurityContextDemoActors(DemoMode demoMode, AccountUserDetailsService users) {
        this.demoMode = demoMode;
        this.users = users;
    }

    @Override
    public Scope actAs(String username, long organisationId) {
        if (!demoMode.active()) {
            throw new IllegalStateException("Acting as a demo login is only possible in a demo run");
        }
        SignedInUser user = ((SignedInUser) users.loadUserByUsername(username)).actingFor(organisationId);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return () -> SecurityContextHolder.setContext(previous);
    }
}
