package org.yiwang.platform.web.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yiwang.platform.audit.SignInHistory;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.HomePage;

/**
 * {@code /} sends each actor to the home page of their role at the acting organisation; roles whose
 * module has no home page yet land on the workbench.
 */
@Controller
class HomeController {

    static final String WORKBENCH = "/workbench";

    private static final int RECENT_SIGN_INS = 5;

    private final CurrentActor currentActor;
    private final SignInHistory signInHistory;
    private final Map<Role, String> homePages = new EnumMap<>(Role.class);

    HomeController(CurrentActor currentActor, SignInHistory signInHistory, List<HomePage> homePages) {
        this.currentActor = currentActor;
        this.signInHistory = signInHistory;
        this.homePages.put(Role.SYSTEM_ADMIN, "/admin");
        homePages.forEach(page -> this.homePages.put(page.role(), page.path()));
    }

    @GetMapping("/")
    String home() {
        Actor actor = currentActor.require();
        String path = actor.roles().stream().sorted()
                .map(homePages::get)
                .filter(p -> p != null)
                .findFirst()
                .orElse(WORKBENCH);
        return "redirect:" + path;
    }

    @GetMapping(WORKBENCH)
    String workbench(Model model) {
        model.addAttribute("signIns", signInHistory.recent(currentActor.require().username(), RECENT_SIGN_INS));
        return "platform/workbench";
    }
}
