package org.yiwang.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;

/**
 * Counts failed logins and locks the account after the configured number (SEC-04 b). The login page is
 * told only "wrong name or password", "locked" or "disabled", so it cannot be used to find login names.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final AccountStore accounts;
    private final SecuritySettings settings;
    private final AuditTrail audit;
    private final DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();

    LoginFailureHandler(AccountStore accounts, SecuritySettings settings, AuditTrail audit) {
        this.accounts = accounts;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = request.getParameter("username");
        String error = switch (exception) {
            case LockedException e -> "locked";
            case DisabledException e -> "disabled";
            case BadCredentialsException e when username != null && !username.isBlank() ->
                    accounts.recordFailedLogin(username.trim(), settings.maxFailedLogins(), settings.lockoutDuration())
                            .map(lockedUntil -> "locked")
                            .orElse("bad");
            default -> "bad";
        };
        audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, truncate(username), error));
        redirect.sendRedirect(request, response, "/login?error=" + error);
    }

    private static String truncate(String username) {
        if (username == null) {
            return null;
        }
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
