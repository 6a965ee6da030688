package org.yiwang.platform.security.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.platform.security.NewStaffAccount;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.platform.security.Role;

/**
 * Staff accounts for administrators: list and search, create with a one-time initial password (the person
 * must change it at first login), add memberships, unlock, disable and reset.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class AccountAdminController {

    private static final int PAGE_SIZE = 50;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<Role> STAFF_ROLES = Arrays.stream(Role.values()).filter(r -> r != Role.RESIDENT).toList();

    private final AccountStore accounts;
    private final AccountService accountService;
    private final ObjectProvider<OrganisationDirectory> directory;

    AccountAdminController(AccountStore accounts, AccountService accountService,
            ObjectProvider<OrganisationDirectory> directory) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.directory = directory;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String after,
            Model model, Locale locale) {
        List<AccountRecord> page = accounts.page(after, q.trim(), PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<AccountRecord> shown = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("accounts", shown);
        model.addAttribute("q", q);
        model.addAttribute("nextAfter", more ? shown.getLast().username() : null);
        model.addAttribute("organisationNames", organisations(locale));
        model.addAttribute("roles", STAFF_ROLES);
        model.addAttribute("now", java.time.Instant.now());
        return "platform/accounts";
    }

    @PostMapping
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam long organisationId,
            @RequestParam Role role, Model model, Locale locale, RedirectAttributes redirect) {
        List<String> errors = new ArrayList<>();
        if (!USERNAME.matcher(username.trim()).matches()) {
            errors.add("accounts.error.username");
        } else if (accounts.exists(username.trim())) {
            errors.add("accounts.error.usernameTaken");
        }
        if (displayName.isBlank() || displayName.length() > 100) {
            errors.add("accounts.error.displayName");
        }
        if (!organisations(locale).containsKey(organisationId)) {
            errors.add("accounts.error.organisation");
        }
        if (role == Role.RESIDENT) {
            errors.add("accounts.error.role");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("form", Map.of("username", username, "displayName", displayName));
            return list("", "", model, locale);
        }
        String initialPassword = temporaryPassword();
        try {
            accountService.createStaffAccount(new NewStaffAccount(username.trim(), displayName.trim(), initialPassword,
                    null, List.of(new NewStaffAccount.Membership(organisationId, role)), false));
        } catch (AccountService.UsernameTakenException e) {
            model.addAttribute("errors", List.of("accounts.error.usernameTaken"));
            model.addAttribute("form", Map.of("username", username, "displayName", displayName));
            return list("", "", model, locale);
        }
        redirect.addFlashAttribute("issuedFor", username.trim());
        redirect.addFlashAttribute("issuedPassword", initialPassword);
        return "redirect:/admin/accounts?q=" + username.trim();
    }

    @PostMapping("/{id}/memberships")
    String addMembership(@PathVariable long id, @RequestParam long organisationId, @RequestParam Role role,
            Locale locale) {
        AccountRecord account = existing(id);
        if (role == Role.RESIDENT || !account.kind().equals("STAFF") || !organisations(locale).containsKey(organisationId)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid membership");
        }
        accountService.addMembership(account, organisationId, role);
        return "redirect:/admin/accounts?q=" + account.username();
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id) {
        AccountRecord account = existing(id);
        accountService.unlock(account);
        return "redirect:/admin/accounts?q=" + account.username();
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled) {
        AccountRecord account = existing(id);
        accountService.setEnabled(account, enabled);
        return "redirect:/admin/accounts?q=" + account.username();
    }

    @PostMapping("/{id}/password-reset")
    String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
        AccountRecord account = existing(id);
        String initialPassword = temporaryPassword();
        accountService.resetPassword(account, initialPassword);
        redirect.addFlashAttribute("issuedFor", account.username());
        redirect.addFlashAttribute("issuedPassword", initialPassword);
        return "redirect:/admin/accounts?q=" + account.username();
    }

    private AccountRecord existing(long id) {
        return accounts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Map<Long, String> organisations(Locale locale) {
        OrganisationDirectory organisations = directory.getIfAvailable();
        return organisations == null ? Map.of() : organisations.all(locale);
    }

    /** 14 characters from all four classes, so it passes the password policy; shown once to the admin. */
    static String temporaryPassword() {
        String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "@#%+=!?"};
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            String chars = classes[i % classes.length];
            password.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return password.toString();
    }
}
