package org.yiwang.platform.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.SmsDeliveryException;
import org.yiwang.platform.security.ResidentPhoneDirectory.PhoneHolder;

/**
 * The residents' sign-in pages: number → code (shown on screen in a demo run only) → who are you, when the number
 * is shared → signed in; and number + password for residents who set one. Errors re-render the step with a
 * message that says what to do.
 */
@Controller
@RequestMapping("/login/resident")
class ResidentSignInController {

    static final String PENDING_NUMBER = "yiwang.residentSignIn.number";
    static final String VERIFIED_NUMBER = "yiwang.residentSignIn.verified";

    private final ResidentSignIn signIn;
    private final DemoMode demoMode;
    private final Masking masking;
    private final SecuritySettings securitySettings;
    private final SecurityContextRepository contextRepository;

    ResidentSignInController(ResidentSignIn signIn, DemoMode demoMode, Masking masking,
            SecuritySettings securitySettings, SecurityContextRepository contextRepository) {
        this.signIn = signIn;
        this.demoMode = demoMode;
        this.masking = masking;
        this.securitySettings = securitySettings;
        this.contextRepository = contextRepository;
    }

    /** A number whose code was accepted, for the "who are you" step; good for the code's validity. */
    record VerifiedNumber(String mobileNumber, Instant until) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A holder of a shared number as the chooser shows them: masked name and year of birth. */
    record Choice(long residentId, String maskedName, String birthYear) {
    }

    /** The demo resident login's number, shown on the phone step of a demo run; looked up once per node. */
    private volatile Optional<DemoHint> demoHint;

    /** A demo resident to sign in as: masked name and full (synthetic) mobile number. */
    record DemoHint(String maskedName, String mobileNumber) {
    }

    @GetMapping
    String phoneStep(Model model) {
        if (demoMode.active()) {
            if (demoHint == null) {
                demoHint = signIn.demoHint().map(h -> new DemoHint(masking.name(h.name()), h.mobileNumber()));
            }
            demoHint.ifPresent(h -> model.addAttribute("demoHint", h));
        }
        return phone(model, null, null);
    }

    @PostMapping("/code")
    String requestCode(@RequestParam(defaultValue = "") String phone, HttpSession session, Locale locale, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Optional<String> number = MobileNumbers.normalise(phone);
        if (number.isEmpty()) {
            response.setStatus(422);
            return phone(model, phone, new Problem("resident.login.error.phone"));
        }
        ResidentSignIn.CodeRequest request;
        try {
            request = signIn.requestCode(number.get(), locale);
        } catch (SmsDeliveryException e) {
            // the code was rolled back with the transaction: the resident may ask again without spending the limit
            response.setStatus(503);
            return phone(model, phone, new Problem("resident.login.error.smsFailed"));
        }
        switch (request.issue()) {
            case SignInCodes.Issued issued -> {
                session.setAttribute(PENDING_NUMBER, number.get());
                if (demoMode.active()) {
                    redirect.addFlashAttribute(request.onFile() ? "demoCode" : "demoNotOnFile",
                            request.onFile() ? issued.code() : Boolean.TRUE);
                }
            }
            case SignInCodes.TooSoon tooSoon -> {
                // the code sent a moment ago still works: go on to entering it
                session.setAttribute(PENDING_NUMBER, number.get());
                redirect.addFlashAttribute("problem",
                        new Problem("resident.login.error.tooSoon", tooSoon.retryAfter().toSeconds()));
            }
            case SignInCodes.DailyLimitReached limit -> {
                response.setStatus(429);
                return phone(model, phone,
                        new Problem("resident.login.error.dailyLimit", signIn.settings().maxSendsPerDay()));
            }
        }
        return "redirect:/login/resident/code";
    }

    @GetMapping("/code")
    String codeStep(HttpSession session, Model model) {
        if (!(session.getAttribute(PENDING_NUMBER) instanceof String number)) {
            return "redirect:/login/resident";
        }
        return code(model, number, null);
    }

    @PostMapping("/verify")
    String verify(@RequestParam(defaultValue = "") String code, HttpSession session, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (!(session.getAttribute(PENDING_NUMBER) instanceof String number)) {
            return "redirect:/login/resident";
        }
        String digits = code.replaceAll("[\\s-]", "");
        if (!digits.matches("[0-9]{6}")) {
            response.setStatus(422);
            return code(model, number, new Problem("resident.login.error.codeFormat"));
        }
        ResidentSignIn.Verification verification = signIn.verifyCode(number, digits);
        Problem problem = switch (verification.check()) {
            case SignInCodes.Accepted accepted -> null;
            case SignInCodes.Wrong wrong -> wrong.attemptsLeft() > 0
                    ? new Problem("resident.login.error.wrong", wrong.attemptsLeft())
                    : new Problem("resident.login.error.tooManyAttempts");
            case SignInCodes.TooManyAttempts tooMany -> new Problem("resident.login.error.tooManyAttempts");
            case SignInCodes.Expired expired -> new Problem("resident.login.error.expired");
            case SignInCodes.NoCode none -> new Problem("resident.login.error.noCode");
        };
        if (problem != null) {
            response.setStatus(422);
            return code(model, number, problem);
        }
        session.removeAttribute(PENDING_NUMBER);
        List<PhoneHolder> eligible = verification.eligible();
        if (eligible.isEmpty()) {
            response.setStatus(422);
            return phone(model, null, verification.tooYoung() > 0
                    ? new Problem("resident.login.error.onlyChildren", signIn.settings().minSignInAge())
                    : new Problem("resident.login.error.notOnFile"));
        }
        if (eligible.size() == 1) {
            return signInAs(number, eligible.getFirst().residentId(), model, request, response);
        }
        session.setAttribute(VERIFIED_NUMBER,
                new VerifiedNumber(number, Instant.now().plus(signIn.settings().codeValidity())));
        return "redirect:/login/resident/choose";
    }

    @GetMapping("/choose")
    String chooseStep(HttpSession session, Model model) {
        Optional<VerifiedNumber> verified = verified(session);
        if (verified.isEmpty()) {
            return "redirect:/login/resident";
        }
        model.addAttribute("step", "choose");
        model.addAttribute("choices", signIn.eligibleHolders(verified.get().mobileNumber()).stream()
                .map(h -> new Choice(h.residentId(), masking.name(h.name()), String.valueOf(h.birthDate().getYear())))
                .toList());
        return "platform/resident-login";
    }

    @PostMapping("/choose")
    String choose(@RequestParam long residentId, HttpSession session, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<VerifiedNumber> verified = verified(session);
        if (verified.isEmpty()) {
            return "redirect:/login/resident";
        }
        return signInAs(verified.get().mobileNumber(), residentId, model, request, response);
    }

    @PostMapping("/password")
    String password(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> number = MobileNumbers.normalise(phone);
        if (number.isEmpty()) {
            response.setStatus(422);
            return phone(model, phone, new Problem("resident.login.error.phone"));
        }
        return switch (signIn.signInWithPassword(number.get(), password)) {
            case ResidentSignIn.SignedIn signedIn -> authenticate(signedIn.account(), request, response);
            case ResidentSignIn.Refused refused -> {
                response.setStatus(401);
                yield phone(model, phone, refused.locked()
                        ? new Problem("login.error.locked", securitySettings.lockoutDuration().toMinutes())
                        : new Problem("resident.login.error.disabled"));
            }
            case ResidentSignIn.BadCredentials bad -> {
                response.setStatus(401);
                yield phone(model, phone, new Problem("resident.login.error.password",
                        securitySettings.maxFailedLogins(), securitySettings.lockoutDuration().toMinutes()));
            }
        };
    }

    private String signInAs(String number, long residentId, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<AccountRecord> account = signIn.signInAs(number, residentId);
        if (account.isEmpty()) {
            response.setStatus(403);
            return phone(model, null, new Problem("resident.login.error.notOnFile"));
        }
        if (!account.get().enabled()) {
            response.setStatus(403);
            return phone(model, null, new Problem("resident.login.error.disabled"));
        }
        return authenticate(account.get(), request, response);
    }

    private String authenticate(AccountRecord account, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING_NUMBER);
        session.removeAttribute(VERIFIED_NUMBER);
        // a new session id at sign-in (session fixation), as the form login does
        request.changeSessionId();
        SignedInUser user = SignedInUser.of(account, false);
        user.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        return "redirect:/";
    }

    private Optional<VerifiedNumber> verified(HttpSession session) {
        if (session.getAttribute(VERIFIED_NUMBER) instanceof VerifiedNumber verified
                && verified.until().isAfter(Instant.now())) {
            return Optional.of(verified);
        }
        session.removeAttribute(VERIFIED_NUMBER);
        return Optional.empty();
    }

    private String phone(Model model, String typed, Problem problem) {
        model.addAttribute("step", "phone");
        model.addAttribute("phone", typed);
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        return "platform/resident-login";
    }

    private String code(Model model, String number, Problem problem) {
        model.addAttribute("step", "code");
        model.addAttribute("maskedPhone", MobileNumbers.masked(number));
        model.addAttribute("validityMinutes", signIn.settings().codeValidity().toMinutes());
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        return "platform/resident-login";
    }

    /** A message key and its arguments, rendered in the page's language. */
    record Problem(String key, Object... arguments) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }
}
