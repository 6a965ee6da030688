package org.yiwang.platform.security.internal;

import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.OrganisationDirectory;

/** Admins issue API tokens per organisation (shown once) and revoke them. */
@Controller
@RequestMapping("/admin/api-clients")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class ApiClientAdminController {

    private static final int LIST_LIMIT = 200;

    private final ApiClients clients;
    private final CurrentActor currentActor;
    private final ObjectProvider<OrganisationDirectory> directory;

    ApiClientAdminController(ApiClients clients, CurrentActor currentActor,
            ObjectProvider<OrganisationDirectory> directory) {
        this.clients = clients;
        this.currentActor = currentActor;
        this.directory = directory;
    }

    @GetMapping
    String list(Model model, Locale locale) {
        model.addAttribute("clients", clients.list(LIST_LIMIT));
        model.addAttribute("organisationNames", organisations(locale));
        return "platform/api-clients";
    }

    @PostMapping
    String issue(@RequestParam long organisationId, @RequestParam String name, Model model, Locale locale,
            RedirectAttributes redirect) {
        if (name.isBlank() || name.length() > 100 || !organisations(locale).containsKey(organisationId)) {
            model.addAttribute("error", "apiClients.error.invalid");
            return list(model, locale);
        }
        ApiClients.IssuedToken issued = clients.issue(organisationId, name.trim(), currentActor.require().username());
        redirect.addFlashAttribute("issuedToken", issued.token());
        redirect.addFlashAttribute("issuedClientId", issued.clientId());
        return "redirect:/admin/api-clients";
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id) {
        clients.revoke(id, currentActor.require().username());
        return "redirect:/admin/api-clients";
    }

    private Map<Long, String> organisations(Locale locale) {
        OrganisationDirectory organisations = directory.getIfAvailable();
        return organisations == null ? Map.of() : organisations.all(locale);
    }
}
