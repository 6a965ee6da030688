package org.yiwang.platform.security.internal;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yiwang.platform.demo.DemoMode;

@Controller
class LoginController {

    private final AccountService accounts;
    private final DemoMode demoMode;
    private final SecuritySettings settings;

    LoginController(AccountService accounts, DemoMode demoMode, SecuritySettings settings) {
        this.accounts = accounts;
        this.demoMode = demoMode;
        this.settings = settings;
    }

    /** Demo logins are listed on the login page of a demo run only, clearly marked as such. */
    record DemoLogin(String username, String displayName, List<String> roles) {
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("lockoutMinutes", settings.lockoutDuration().toMinutes());
        model.addAttribute("maxFailedLogins", settings.maxFailedLogins());
        if (demoMode.active()) {
            model.addAttribute("demoPassword", demoMode.demoPassword());
            model.addAttribute("demoLogins", accounts.demoAccounts().stream()
                    .map(a -> new DemoLogin(a.username(), a.displayName(), a.kind().equals("RESIDENT")
                            ? List.of("role.RESIDENT")
                            : a.memberships().stream().map(m -> m.role().messageKey()).distinct().toList()))
                    .toList());
        }
        return "platform/login";
    }
}
