package org.yiwang.platform.security.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;

/** Resets failure counters, audits the login, and sends users who must change their password there first. */
@Component
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final AccountStore accounts;
    private final AuditTrail audit;

    LoginSuccessHandler(AccountStore accounts, AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        SignedInUser user = (SignedInUser) authentication.getPrincipal();
        accounts.recordSuccessfulLogin(user.actor().accountId());
        audit.record(AuditEvent.security("LOGIN", AuditEvent.Outcome.SUCCESS, user.getUsername(), null));
        if (user.mustChangePassword()) {
            getRedirectStrategy().sendRedirect(request, response, "/account/password");
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
