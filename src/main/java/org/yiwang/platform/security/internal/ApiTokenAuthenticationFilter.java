package org.yiwang.platform.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer yw_...} on the system-to-system API; stateless. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String API_CLIENT_AUTHORITY = "ROLE_API_CLIENT";

    private final ApiClients clients;

    ApiTokenAuthenticationFilter(ApiClients clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            clients.authenticate(header.substring(7).trim()).ifPresent(client -> {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(client, null,
                        List.of(new SimpleGrantedAuthority(API_CLIENT_AUTHORITY)));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            });
        }
        chain.doFilter(request, response);
    }
}
