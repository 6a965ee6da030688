package org.yiwang.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;

/** A staff member acts for one organisation at a time; this switches to another of theirs. */
@Controller
class OrganisationSwitchController {

    private final SecurityContextRepository contextRepository;
    private final AuditTrail audit;

    OrganisationSwitchController(SecurityContextRepository contextRepository, AuditTrail audit) {
        this.contextRepository = contextRepository;
        this.audit = audit;
    }

    @PostMapping("/session/organisation")
    String switchOrganisation(@RequestParam long organisationId, Authentication authentication,
            HttpServletRequest request, HttpServletResponse response) {
        if (!(authentication.getPrincipal() instanceof SignedInUser user)
                || !user.organisationIds().contains(organisationId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Not a member of that organisation");
        }
        // Audited first: if the entry cannot be written, the switch does not happen.
        audit.record(AuditEvent.security("ORGANISATION_SWITCHED", AuditEvent.Outcome.SUCCESS, user.getUsername(),
                "organisation " + organisationId));
        SignedInUser switched = user.actingFor(organisationId);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(switched, null,
                switched.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        return "redirect:/";
    }
}
