package org.yiwang.platform.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Request-Id} if well-formed, else a new one),
 * puts it in the log context and the response, and writes one request-log line. Query strings are not
 * logged: they can carry personal data such as ID numbers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "correlationId";
    /** Set by {@link RequestUserFilter} once security has run; the security context is gone by the time we log. */
    static final String USER_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".user";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger requestLog = LoggerFactory.getLogger("org.yiwang.platform.web.RequestLog");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String correlationId = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, correlationId);
        response.setHeader(HEADER, correlationId);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!isStatic(request.getRequestURI())) {
                Object user = request.getAttribute(USER_ATTRIBUTE);
                requestLog.info("{} {} {} {}ms user={}", request.getMethod(), request.getRequestURI(),
                        response.getStatus(), (System.nanoTime() - started) / 1_000_000, user == null ? "-" : user);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static boolean isStatic(String uri) {
        return uri.startsWith("/webjars/") || uri.startsWith("/css/") || uri.startsWith("/js/")
                || uri.startsWith("/img/") || uri.startsWith("/actuator/health");
    }
}
