package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.PracticeRole;
import org.yiwang.registry.PractitionerAdministration;
import org.yiwang.registry.PractitionerDetail;
import org.yiwang.registry.PractitionerForm;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Practitioners;
import org.yiwang.registry.Profession;
import org.yiwang.registry.ProfessionalTitle;
import org.yiwang.registry.Specialty;

/** Practitioners: a paged, searchable list and detail for staff; registering and editing for administrators. */
@Controller
@RequestMapping("/registry/practitioners")
@PreAuthorize(RegistryNavigation.STAFF)
class PractitionerController {

    static final int PAGE_SIZE = 50;

    private final Practitioners practitioners;
    private final PractitionerAdministration administration;
    private final Organisations organisations;
    private final CareTeams careTeams;
    private final CurrentActor actor;

    PractitionerController(Practitioners practitioners, PractitionerAdministration administration,
            Organisations organisations, CareTeams careTeams, CurrentActor actor) {
        this.practitioners = practitioners;
        this.administration = administration;
        this.organisations = organisations;
        this.careTeams = careTeams;
        this.actor = actor;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long organisationId,
            @RequestParam(defaultValue = "0") long after, Model model, Locale locale) {
        List<PractitionerSummary> page = practitioners.search(q, organisationId, after, PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<PractitionerSummary> shown = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("practitioners", shown);
        model.addAttribute("q", q);
        model.addAttribute("organisationId", organisationId);
        model.addAttribute("nextAfter", more ? shown.getLast().id() : null);
        model.addAttribute("organisationNames", names(shown.stream().map(PractitionerSummary::organisationId)
                .collect(Collectors.toSet()), locale));
        model.addAttribute("allOrganisations", allOrganisations(locale));
        model.addAttribute("canEdit", canEdit());
        model.addAttribute("licences", licences(shown));
        return "registry/practitioners";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model, Locale locale) {
        PractitionerDetail practitioner = practitioners.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<Long> organisationIds = new java.util.HashSet<>();
        organisationIds.add(practitioner.summary().organisationId());
        practitioner.sites().forEach(s -> organisationIds.add(s.organisationId()));
        model.addAttribute("practitioner", practitioner);
        model.addAttribute("p", practitioner.summary());
        model.addAttribute("licence", licences(List.of(practitioner.summary())).get(id));
        model.addAttribute("organisationNames", names(organisationIds, locale));
        model.addAttribute("teams", careTeams.teamsOf(id));
        model.addAttribute("canEdit", canEdit());
        return "registry/practitioner";
    }

    @GetMapping("/new")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String newForm(@RequestParam(required = false) Long organisationId, Model model, Locale locale) {
        PractitionerFormBean form = new PractitionerFormBean();
        if (organisationId != null) {
            form.setOrganisationId(organisationId.toString());
        }
        return form(model, form, null, locale);
    }

    @PostMapping
    @PreAuthorize(RegistryNavigation.ADMIN)
    String create(@ModelAttribute("form") PractitionerFormBean form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        FieldErrors errors = new FieldErrors();
        PractitionerForm parsed = parse(form, errors);
        return FormSubmission.saveOrShowErrors(errors, () -> administration.create(parsed), "/registry/practitioners/",
                () -> form(model, form, null, locale), model, response, redirect);
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String editForm(@PathVariable long id, Model model, Locale locale) {
        PractitionerDetail practitioner = practitioners.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, PractitionerFormBean.of(practitioner), practitioner, locale);
    }

    @PostMapping("/{id}")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String update(@PathVariable long id, @ModelAttribute("form") PractitionerFormBean form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        PractitionerDetail current = practitioners.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FieldErrors errors = FieldErrors.forEdit(binding);
        PractitionerForm parsed = parse(form, errors);
        return FormSubmission.saveOrShowErrors(errors, () -> {
            administration.update(id, parsed);
            return id;
        }, "/registry/practitioners/", () -> form(model, form, current, locale), model, response, redirect);
    }

    private String form(Model model, PractitionerFormBean form, PractitionerDetail current, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("current", current);
        model.addAttribute("professions", Profession.values());
        model.addAttribute("titles", ProfessionalTitle.values());
        model.addAttribute("specialties", Specialty.values());
        model.addAttribute("practiceRoles", PracticeRole.values());
        Map<Long, String> all = allOrganisations(locale);
        model.addAttribute("allOrganisations", all);
        Map<String, String> siteLabels = new LinkedHashMap<>();
        for (String site : form.getSites()) {
            String[] parts = site.split(":", 2);
            try {
                siteLabels.put(site, all.getOrDefault(Long.valueOf(parts[0]), "#" + parts[0]));
            } catch (NumberFormatException e) {
                // a tampered value: not shown again
            }
        }
        model.addAttribute("siteLabels", siteLabels);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/practitioner-form";
    }

    private static PractitionerForm parse(PractitionerFormBean form, FieldErrors errors) {
        Profession profession = errors.enumValue("profession", Profession.class, form.getProfession());
        Integer sex = errors.integer("sexCode", form.getSexCode());
        if (sex == null && !errors.asMap().containsKey("sexCode")) {
            errors.asMap().put("sexCode", "registry.error.required");
        }
        Long organisationId = errors.id("organisationId", form.getOrganisationId());
        if (organisationId == null && !errors.asMap().containsKey("organisationId")) {
            errors.asMap().put("organisationId", "registry.error.required");
        }
        Set<Specialty> specialties = EnumSet.noneOf(Specialty.class);
        for (String s : form.getSpecialties()) {
            Specialty specialty = errors.enumValue("specialties", Specialty.class, s);
            if (specialty != null) {
                specialties.add(specialty);
            }
        }
        Map<Long, PracticeRole> sites = new LinkedHashMap<>();
        for (String site : form.getSites()) {
            String[] parts = site.split(":", 2);
            Long id = errors.id("sites", parts[0]);
            PracticeRole role = parts.length == 2 ? errors.enumValue("sites", PracticeRole.class, parts[1]) : null;
            if (id != null && role != null) {
                sites.put(id, role);
            }
        }
        if (form.getNewSiteOrganisationId() != null && !form.getNewSiteOrganisationId().isBlank()) {
            Long id = errors.id("sites", form.getNewSiteOrganisationId());
            PracticeRole role = errors.enumValue("sites", PracticeRole.class, form.getNewSiteRole());
            if (id != null && role != null) {
                sites.put(id, role);
            }
        }
        return new PractitionerForm(form.getName(), sex == null ? -1 : sex, profession, form.getTitle(),
                form.getDepartment(), form.getLicenceNumber(), organisationId == null ? -1 : organisationId,
                specialties, sites, form.isActive(), form.getVersion());
    }

    private Map<Long, String> names(Set<Long> ids, Locale locale) {
        return organisations.findAllById(ids).stream()
                .collect(Collectors.toMap(OrganisationSummary::id, o -> o.name(locale)));
    }

    private Map<Long, String> allOrganisations(Locale locale) {
        Map<Long, String> all = new LinkedHashMap<>();
        organisations.listInHierarchyOrder().forEach(o -> all.put(o.id(), o.name(locale)));
        return all;
    }

    /** Licence numbers as the viewer may see them: in full for administrators, masked otherwise (MASK-03/04). */
    private Map<Long, String> licences(List<PractitionerSummary> shown) {
        boolean full = canEdit();
        Map<Long, String> licences = new java.util.HashMap<>();
        for (PractitionerSummary p : shown) {
            String n = p.licenceNumber();
            licences.put(p.id(), n == null ? "—" : full || n.length() < 11 ? n
                    : n.substring(0, 7) + "*".repeat(n.length() - 11) + n.substring(n.length() - 4));
        }
        return licences;
    }

    private boolean canEdit() {
        return actor.current().map(a -> a.hasRole(Role.SYSTEM_ADMIN)).orElse(false);
    }

    static List<Profession> professions() {
        return Arrays.asList(Profession.values());
    }
}
