package org.yiwang.platform.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * PostgreSQL text cannot hold U+0000, so a parameter carrying one would fail deep inside a query (and a
 * failed login would lose its audit entry). Such requests are refused up front with 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class NulCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hasNul = request.getParameterMap().entrySet().stream()
                .anyMatch(e -> e.getKey().indexOf('\u0000') >= 0
                        || Arrays.stream(e.getValue()).anyMatch(v -> v.indexOf('\u0000') >= 0));
        if (hasNul) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Parameters must not contain NUL characters");
            return;
        }
        chain.doFilter(request, response);
    }
}
