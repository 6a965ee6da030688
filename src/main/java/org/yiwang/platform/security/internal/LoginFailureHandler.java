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
 * Counts failed logins and locks the account after the configured number (SEC-04 b). A wrong password always
 * reads "wrong name or password"; "locked" and "disabled" are shown only to someone who knows the password,
 * so the page cannot be used to find login names.
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
        String typed = request.getParameter("username");
        String subject = truncate(typed == null ? null : typed.trim());
        String error = switch (exception) {
            // Account status is checked only after the password matched (see SecurityConfiguration), so these
            // two never tell a stranger that a login name exists.
            case LockedException e -> "locked";
            case DisabledException e -> "disabled";
            default -> "bad";
        };
        String detail = error;
        if (exception instanceof BadCredentialsException && subject != null && !subject.isEmpty()) {
            var failed = accounts.recordFailedLogin(subject, settings.maxFailedLogins(), settings.lockoutDuration());
            if (failed.isPresent()) {
                subject = failed.get().username(); // the account's own spelling, so its history finds it
                detail = failed.get().lockedUntil() == null ? "bad" : "bad, locked until " + failed.get().lockedUntil();
            }
        }
        audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.FAILURE, subject, detail));
        redirect.sendRedirect(request, response, "/login?error=" + error);
    }

    private static String truncate(String username) {
        if (username == null) {
            return null;
        }
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
