package org.yiwang.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.context.SecurityContextRepository;

/** Password change, also the forced change at first login of a real (non-demo) account. */
@Controller
class PasswordController {

    private final AccountStore accounts;
    private final AccountService accountService;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy policy;
    private final SecurityContextRepository contextRepository;

    PasswordController(AccountStore accounts, AccountService accountService, PasswordEncoder passwordEncoder,
            SecuritySettings settings, SecurityContextRepository contextRepository) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.passwordEncoder = passwordEncoder;
        this.policy = new PasswordPolicy(settings.passwordMinLength());
        this.contextRepository = contextRepository;
    }

    @GetMapping("/account/password")
    String form(Authentication authentication, Model model) {
        model.addAttribute("forced", authentication.getPrincipal() instanceof SignedInUser u && u.mustChangePassword());
        model.addAttribute("minLength", policy.minimumLength());
        model.addAttribute("firstPassword", authentication.getPrincipal() instanceof SignedInUser u
                && !accounts.passwordSet(u.actor().accountId()));
        return "platform/password";
    }

    @PostMapping("/account/password")
    String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, Authentication authentication, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        SignedInUser user = (SignedInUser) authentication.getPrincipal();
        AccountRecord account = accounts.findById(user.actor().accountId()).orElseThrow();
        List<String> errors = new ArrayList<>();
        // a resident who signed in with a one-time code and has no password yet sets a first one
        boolean firstPassword = !accounts.passwordSet(account.id());
        if (!firstPassword && !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            errors.add("password.error.current");
        }
        if (!newPassword.equals(confirmPassword)) {
            errors.add("password.error.confirm");
        }
        if (!firstPassword && newPassword.equals(currentPassword)) {
            errors.add("password.error.same");
        }
        errors.addAll(policy.violations(newPassword, account.username()));
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("forced", user.mustChangePassword());
            model.addAttribute("minLength", policy.minimumLength());
            model.addAttribute("firstPassword", firstPassword);
            response.setStatus(422);
            return "platform/password";
        }
        // Every other session of this person ends (a thief's included); this one continues under a new id.
        accountService.changeOwnPassword(account, newPassword, request.getSession().getId());
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.withPasswordChanged(), null,
                authentication.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        return "redirect:/?passwordChanged";
    }
}
