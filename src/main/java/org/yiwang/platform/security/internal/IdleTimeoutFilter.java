package org.yiwang.platform.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-logout on idle timeout (SEC-04 b) also for pages that poll. A live page (clinic ECG inbox, reading worklist,
 * recording page) asks the server every few seconds, and every such request would otherwise renew the session, so an
 * unattended screen would stay signed in for ever. Background polls say so with the header {@value #POLL_HEADER}
 * {@code : 1}; they do not count as the user's activity. The session keeps the time of the user's last own request;
 * once that lies further back than the idle timeout, the session ends: a poll is answered 401 with
 * {@code HX-Redirect: /login?expired} (htmx then opens the login page), any other request is sent there.
 *
 * <p>The timeout is the session timeout ({@code spring.session.timeout}, env {@code YIWANG_SESSION_IDLE_TIMEOUT}):
 * a session nobody polls expires after it anyway. Trade-off for the ECG alarm: a clinic screen left alone longer
 * than the timeout is signed out and sounds no alarm any more; the login page it shows says why. Counties that keep
 * an unattended alarm screen raise the timeout (or give the screen its own account and workstation policy) rather
 * than letting polls defeat the rule.
 */
class IdleTimeoutFilter extends OncePerRequestFilter {

    /** The request header by which a page's background poll marks itself. */
    static final String POLL_HEADER = "X-Yiwang-Poll";
    static final String LAST_ACTIVITY = IdleTimeoutFilter.class.getName() + ".lastActivity";
    static final String EXPIRED_URL = "/login?expired";
    private static final String SIGNED_IN = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;
    /** A user's requests within this of the stored time do not rewrite the session attribute. */
    private static final long WRITE_GRANULARITY_MS = 1_000;

    private final Clock clock;
    private final Duration idleTimeout;

    IdleTimeoutFilter(Clock clock, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    static boolean isPoll(HttpServletRequest request) {
        return "1".equals(request.getHeader(POLL_HEADER));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(SIGNED_IN) == null) { // not signed in: nothing to time out
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        boolean poll = isPoll(request);
        Object stored = session.getAttribute(LAST_ACTIVITY);
        if (stored instanceof Long last && now - last > idleTimeout.toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            if (poll || request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + EXPIRED_URL);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("signed out after " + idleTimeout.toSeconds() + " s without activity");
            } else {
                response.sendRedirect(request.getContextPath() + EXPIRED_URL);
            }
            return;
        }
        if (!poll && (!(stored instanceof Long last) || now - last >= WRITE_GRANULARITY_MS)) {
            session.setAttribute(LAST_ACTIVITY, now);
        } else if (stored == null) {
            session.setAttribute(LAST_ACTIVITY, now); // a session from before this filter: count from now
        }
        chain.doFilter(request, response);
    }
}
