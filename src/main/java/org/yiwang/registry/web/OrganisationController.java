package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.registry.CareTeams;
import org.yiwang.registry.ConsortiumRole;
import org.yiwang.registry.InvalidRegistryInputException;
import org.yiwang.registry.OrganisationAdministration;
import org.yiwang.registry.OrganisationDetail;
import org.yiwang.registry.OrganisationForm;
import org.yiwang.registry.OrganisationNode;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;
import org.yiwang.registry.ServiceCode;

/**
 * The organisation network: the tree and organisation pages for every staff member, creating and editing
 * organisations and their consortium memberships for administrators.
 */
@Controller
@RequestMapping("/registry")
@PreAuthorize(RegistryNavigation.STAFF)
class OrganisationController {

    static final int PRACTITIONERS_ON_DETAIL = 50;

    private final Organisations organisations;
    private final OrganisationAdministration administration;
    private final Practitioners practitioners;
    private final CareTeams careTeams;
    private final CurrentActor actor;

    OrganisationController(Organisations organisations, OrganisationAdministration administration,
            Practitioners practitioners, CareTeams careTeams, CurrentActor actor) {
        this.organisations = organisations;
        this.administration = administration;
        this.practitioners = practitioners;
        this.careTeams = careTeams;
        this.actor = actor;
    }

    @GetMapping
    String home() {
        return "redirect:/registry/organisations";
    }

    @GetMapping("/organisations")
    String tree(Model model) {
        List<OrganisationNode> tree = organisations.tree();
        model.addAttribute("tree", tree);
        model.addAttribute("total", tree.stream().mapToInt(OrganisationNode::size).sum());
        model.addAttribute("canEdit", canEdit());
        return "registry/organisations";
    }

    @GetMapping("/organisations/{id}")
    String detail(@PathVariable long id, Model model, Locale locale) {
        OrganisationDetail organisation = organisations.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("organisation", organisation);
        model.addAttribute("path", organisations.pathToRoot(id).reversed());
        model.addAttribute("children", organisations.childrenOf(id));
        model.addAttribute("services", sortedServices(organisation.services()));
        model.addAttribute("memberships", organisations.consortiaOf(id));
        model.addAttribute("allConsortia", organisations.consortia());
        model.addAttribute("consortiumRoles", ConsortiumRole.values());
        var staff = practitioners.search("", id, 0, PRACTITIONERS_ON_DETAIL + 1);
        model.addAttribute("practitioners", staff.size() > PRACTITIONERS_ON_DETAIL ? staff.subList(0, PRACTITIONERS_ON_DETAIL) : staff);
        model.addAttribute("morePractitioners", staff.size() > PRACTITIONERS_ON_DETAIL);
        model.addAttribute("teams", organisation.type() == OrganisationType.VILLAGE_CLINIC
                ? careTeams.teamsServing(id) : careTeams.teamsAt(id));
        model.addAttribute("canEdit", canEdit());
        return "registry/organisation";
    }

    @GetMapping("/organisations/new")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String newForm(@RequestParam(required = false) Long parentId, Model model, Locale locale) {
        OrganisationFormBean form = new OrganisationFormBean();
        if (parentId != null) {
            organisations.findById(parentId).ifPresent(parent -> {
                form.setParentId(String.valueOf(parent.id()));
                form.setDivisionCode(parent.divisionCode());
            });
        }
        return form(model, form, null, locale);
    }

    @PostMapping("/organisations")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String create(@ModelAttribute("form") OrganisationFormBean form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        FieldErrors errors = new FieldErrors();
        OrganisationForm parsed = parse(form, errors);
        if (!errors.isEmpty()) {
            errors.putAll(administration.problems(parsed, null));
        }
        return FormSubmission.saveOrShowErrors(errors, () -> administration.create(parsed), "/registry/organisations/",
                () -> form(model, form, null, locale), model, response, redirect);
    }

    @GetMapping("/organisations/{id}/edit")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String editForm(@PathVariable long id, Model model, Locale locale) {
        OrganisationDetail organisation = organisations.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, OrganisationFormBean.of(organisation), organisation, locale);
    }

    @PostMapping("/organisations/{id}")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String update(@PathVariable long id, @ModelAttribute("form") OrganisationFormBean form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        OrganisationDetail current = organisations.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FieldErrors errors = FieldErrors.forEdit(binding);
        OrganisationForm parsed = parse(form, errors);
        if (!errors.isEmpty()) {
            errors.putAll(administration.problems(parsed, id));
        }
        return FormSubmission.saveOrShowErrors(errors, () -> {
            administration.update(id, parsed);
            return id;
        }, "/registry/organisations/", () -> form(model, form, current, locale), model, response, redirect);
    }

    @PostMapping("/organisations/{id}/consortia")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String join(@PathVariable long id, @RequestParam long consortiumId, @RequestParam ConsortiumRole role,
            RedirectAttributes redirect) {
        try {
            administration.joinConsortium(consortiumId, id, role);
        } catch (InvalidRegistryInputException e) {
            redirect.addFlashAttribute("membershipError", e.fieldErrors().values().iterator().next());
        }
        return "redirect:/registry/organisations/" + id + "#consortia";
    }

    @PostMapping("/organisations/{id}/consortia/{consortiumId}/leave")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String leave(@PathVariable long id, @PathVariable long consortiumId) {
        administration.leaveConsortium(consortiumId, id);
        return "redirect:/registry/organisations/" + id + "#consortia";
    }

    private String form(Model model, OrganisationFormBean form, OrganisationDetail current, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("current", current);
        model.addAttribute("types", OrganisationType.values());
        model.addAttribute("allServices", sortedServices(EnumSet.allOf(ServiceCode.class)));
        Map<Long, String> parents = new LinkedHashMap<>();
        for (OrganisationSummary o : organisations.listInHierarchyOrder()) {
            if (o.type() != OrganisationType.VILLAGE_CLINIC && o.type() != OrganisationType.PHARMACY
                    && (current == null || o.id() != current.id())) {
                parents.put(o.id(), o.name(locale) + " (" + o.code() + ")");
            }
        }
        model.addAttribute("parents", parents);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/organisation-form";
    }

    private static OrganisationForm parse(OrganisationFormBean form, FieldErrors errors) {
        OrganisationType type = errors.enumValue("type", OrganisationType.class, form.getType());
        Long parentId = errors.id("parentId", form.getParentId());
        var latitude = errors.decimal("latitude", form.getLatitude());
        var longitude = errors.decimal("longitude", form.getLongitude());
        Integer beds = errors.integer("beds", form.getBeds());
        Set<ServiceCode> services = EnumSet.noneOf(ServiceCode.class);
        for (String service : form.getServices()) {
            ServiceCode code = errors.enumValue("services", ServiceCode.class, service);
            if (code != null) {
                services.add(code);
            }
        }
        return new OrganisationForm(trim(form.getCode()), form.getNameZh(), form.getNameEn(), form.getShortNameZh(),
                form.getShortNameEn(), type, parentId, trim(form.getDivisionCode()), form.getAddress(), latitude,
                longitude, beds, form.isActive(), services, form.getVersion());
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    static List<ServiceCode> sortedServices(Set<ServiceCode> services) {
        List<ServiceCode> sorted = new ArrayList<>(services);
        sorted.sort(null);
        return sorted;
    }

    private boolean canEdit() {
        return actor.current().map(a -> a.hasRole(Role.SYSTEM_ADMIN)).orElse(false);
    }

    static List<OrganisationType> types() {
        return Arrays.asList(OrganisationType.values());
    }
}
