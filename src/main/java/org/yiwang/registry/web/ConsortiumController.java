package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.registry.ConsortiumSummary;
import org.yiwang.registry.ConsortiumType;
import org.yiwang.registry.InvalidRegistryInputException;
import org.yiwang.registry.OrganisationAdministration;
import org.yiwang.registry.Organisations;

/** 医共体, 医联体 and 医疗集团: list, members, and creating one (administrators). */
@Controller
@RequestMapping("/registry/consortia")
@PreAuthorize(RegistryNavigation.STAFF)
class ConsortiumController {

    private final Organisations organisations;
    private final OrganisationAdministration administration;
    private final CurrentActor actor;

    ConsortiumController(Organisations organisations, OrganisationAdministration administration, CurrentActor actor) {
        this.organisations = organisations;
        this.administration = administration;
        this.actor = actor;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("consortia", organisations.consortia());
        model.addAttribute("types", ConsortiumType.values());
        model.addAttribute("canEdit", canEdit());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/consortia";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        ConsortiumSummary consortium = organisations.consortium(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("consortium", consortium);
        model.addAttribute("members", organisations.membersOf(id));
        return "registry/consortium";
    }

    @PostMapping
    @PreAuthorize(RegistryNavigation.ADMIN)
    String create(@RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn,
            @RequestParam(required = false) String type, Model model, HttpServletResponse response) {
        FieldErrors errors = new FieldErrors();
        ConsortiumType parsed = errors.enumValue("type", ConsortiumType.class, type);
        try {
            if (errors.isEmpty()) {
                long id = administration.createConsortium(code.strip(), nameZh, nameEn, parsed);
                return "redirect:/registry/consortia/" + id;
            }
        } catch (InvalidRegistryInputException e) {
            errors.putAll(e.fieldErrors());
        }
        errors.show(model, response);
        model.addAttribute("form", Map.of("code", code, "nameZh", nameZh, "nameEn", nameEn, "type", type == null ? "" : type));
        return list(model);
    }

    private boolean canEdit() {
        return actor.current().map(a -> a.hasRole(Role.SYSTEM_ADMIN)).orElse(false);
    }
}
