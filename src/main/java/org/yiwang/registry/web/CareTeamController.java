package org.yiwang.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import org.yiwang.registry.CareTeamDetail;
import org.yiwang.registry.CareTeamForm;
import org.yiwang.registry.CareTeamRole;
import org.yiwang.registry.CareTeamSummary;
import org.yiwang.registry.CareTeams;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Practitioners;
import org.yiwang.registry.Profession;

/** Family-doctor teams (domain-rules §2): list and detail for staff, create and edit for administrators. */
@Controller
@RequestMapping("/registry/teams")
@PreAuthorize(RegistryNavigation.STAFF)
class CareTeamController {

    static final int PAGE_SIZE = 50;
    static final int MAX_CANDIDATES = 300;

    private final CareTeams careTeams;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final CurrentActor actor;

    CareTeamController(CareTeams careTeams, Organisations organisations, Practitioners practitioners, CurrentActor actor) {
        this.careTeams = careTeams;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.actor = actor;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") long after, Model model, Locale locale) {
        List<CareTeamSummary> page = careTeams.list(after, PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<CareTeamSummary> shown = more ? page.subList(0, PAGE_SIZE) : page;
        model.addAttribute("teams", shown);
        model.addAttribute("nextAfter", more ? shown.getLast().id() : null);
        model.addAttribute("baseNames", organisations.findAllById(shown.stream().map(CareTeamSummary::baseOrganisationId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(OrganisationSummary::id, o -> o.name(locale))));
        Set<Long> leads = shown.stream().map(CareTeamSummary::leadPractitionerId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        model.addAttribute("leadNames", practitioners.findAllById(leads).stream()
                .collect(Collectors.toMap(PractitionerSummary::id, PractitionerSummary::name)));
        model.addAttribute("centres", centres(locale));
        model.addAttribute("canEdit", canEdit());
        return "registry/teams";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model, Locale locale) {
        CareTeamDetail team = careTeams.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("team", team);
        model.addAttribute("base", organisations.findById(team.team().baseOrganisationId()).orElseThrow());
        model.addAttribute("canEdit", canEdit());
        return "registry/team";
    }

    @GetMapping("/new")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String newForm(@RequestParam long base, Model model, Locale locale) {
        CareTeamFormBean form = new CareTeamFormBean();
        form.setBaseOrganisationId(String.valueOf(base));
        return form(model, form, null, base, locale);
    }

    @PostMapping
    @PreAuthorize(RegistryNavigation.ADMIN)
    String create(@ModelAttribute("form") CareTeamFormBean form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        FieldErrors errors = new FieldErrors();
        CareTeamForm parsed = parse(form, List.of(), errors);
        return FormSubmission.saveOrShowErrors(errors, () -> careTeams.create(parsed), "/registry/teams/",
                () -> form(model, form, null, parsed == null ? -1 : parsed.baseOrganisationId(), locale),
                model, response, redirect);
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String editForm(@PathVariable long id, Model model, Locale locale) {
        CareTeamDetail team = careTeams.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(model, CareTeamFormBean.of(team), team, team.team().baseOrganisationId(), locale);
    }

    @PostMapping("/{id}")
    @PreAuthorize(RegistryNavigation.ADMIN)
    String update(@PathVariable long id, @ModelAttribute("form") CareTeamFormBean form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        CareTeamDetail current = careTeams.detail(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FieldErrors errors = FieldErrors.forEdit(binding);
        CareTeamForm parsed = parse(form, CareTeamFormBean.untouched(current), errors);
        return FormSubmission.saveOrShowErrors(errors, () -> {
            careTeams.update(id, parsed);
            return id;
        }, "/registry/teams/", () -> form(model, form, current, current.team().baseOrganisationId(), locale),
                model, response, redirect);
    }

    private String form(Model model, CareTeamFormBean form, CareTeamDetail current, long baseId, Locale locale) {
        OrganisationSummary base = organisations.findById(baseId)
                .filter(o -> o.type().isPrimaryCareCentre())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a primary-care centre"));
        List<OrganisationSummary> clinics = organisations.childrenOf(baseId).stream()
                .filter(o -> o.type() == OrganisationType.VILLAGE_CLINIC).toList();
        List<Long> local = new ArrayList<>();
        local.add(baseId);
        clinics.forEach(c -> local.add(c.id()));
        List<PractitionerSummary> localStaff = practitioners.practisingAt(local, MAX_CANDIDATES);
        List<Long> hospitals = new ArrayList<>();
        for (OrganisationType type : OrganisationType.values()) {
            if (type.isHospital()) {
                organisations.listByType(type).forEach(o -> hospitals.add(o.id()));
            }
        }
        List<PractitionerSummary> specialists = practitioners.practisingAt(hospitals, MAX_CANDIDATES).stream()
                .filter(p -> p.profession() == Profession.PHYSICIAN).toList();
        Set<Long> placeIds = new LinkedHashSet<>();
        localStaff.forEach(p -> placeIds.add(p.organisationId()));
        specialists.forEach(p -> placeIds.add(p.organisationId()));
        Map<Long, String> placeNames = organisations.findAllById(placeIds).stream()
                .collect(Collectors.toMap(OrganisationSummary::id, o -> o.name(locale)));
        model.addAttribute("form", form);
        model.addAttribute("current", current);
        model.addAttribute("base", base);
        model.addAttribute("clinics", clinics);
        model.addAttribute("doctors", localStaff.stream().filter(p -> p.profession() == Profession.PHYSICIAN
                || p.profession() == Profession.VILLAGE_DOCTOR).toList());
        model.addAttribute("nurses", localStaff.stream().filter(p -> p.profession() == Profession.NURSE).toList());
        model.addAttribute("publicHealthWorkers", localStaff.stream()
                .filter(p -> p.profession() == Profession.PUBLIC_HEALTH_PHYSICIAN).toList());
        model.addAttribute("villageDoctors", localStaff.stream().filter(p -> p.profession() == Profession.VILLAGE_DOCTOR).toList());
        model.addAttribute("specialists", specialists);
        model.addAttribute("placeNames", placeNames);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/team-form";
    }

    private static CareTeamForm parse(CareTeamFormBean form, List<CareTeamDetail.Member> kept, FieldErrors errors) {
        Long base = errors.id("baseOrganisationId", form.getBaseOrganisationId());
        if (base == null) {
            errors.asMap().putIfAbsent("baseOrganisationId", "registry.error.required");
            return null;
        }
        Set<Long> covered = new LinkedHashSet<>();
        form.getCovered().forEach(c -> {
            Long id = errors.id("coveredOrganisationIds", c);
            if (id != null) {
                covered.add(id);
            }
        });
        List<CareTeamForm.Member> members = new ArrayList<>();
        addMember(members, errors, "lead", form.getLead(), CareTeamRole.LEAD_DOCTOR);
        addMember(members, errors, "nurse", form.getNurse(), CareTeamRole.NURSE);
        addMember(members, errors, "publicHealth", form.getPublicHealth(), CareTeamRole.PUBLIC_HEALTH);
        addMember(members, errors, "specialist", form.getSpecialist(), CareTeamRole.SPECIALIST);
        form.getVillageDoctors().forEach(v -> addMember(members, errors, "villageDoctors", v, CareTeamRole.VILLAGE_DOCTOR));
        kept.forEach(m -> members.add(new CareTeamForm.Member(m.practitioner().id(), m.role())));
        return new CareTeamForm(form.getNameZh(), form.getNameEn(), base, covered, members, form.isActive(), form.getVersion());
    }

    private static void addMember(List<CareTeamForm.Member> members, FieldErrors errors, String field, String value,
            CareTeamRole role) {
        Long id = errors.id(field, value);
        if (id != null) {
            members.add(new CareTeamForm.Member(id, role));
        }
    }

    private Map<Long, String> centres(Locale locale) {
        Map<Long, String> centres = new java.util.LinkedHashMap<>();
        organisations.listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE).forEach(o -> centres.put(o.id(), o.name(locale)));
        organisations.listByType(OrganisationType.COMMUNITY_HEALTH_CENTRE).forEach(o -> centres.put(o.id(), o.name(locale)));
        return centres;
    }

    private boolean canEdit() {
        return actor.current().map(a -> a.hasRole(Role.SYSTEM_ADMIN)).orElse(false);
    }
}
