package org.yiwang.mpi.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.mpi.DuplicateCandidate;
import org.yiwang.mpi.Ethnicity;
import org.yiwang.mpi.FieldProblem;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.ResidentDetails;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.ResidentInputException;
import org.yiwang.mpi.MergeConflictException;
import org.yiwang.mpi.ResidentMerges;
import org.yiwang.mpi.ResidentNotFoundException;
import org.yiwang.mpi.ResidentRegistration;
import org.yiwang.mpi.Sex;
import org.yiwang.mpi.matching.ChineseNames;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;

/**
 * Residents for registrars (search, register, newborns, edit) and for clinicians (search and view). Forms re-render
 * with a message per field; the likely existing residents are shown before a new record is made.
 */
@Controller
@RequestMapping(ResidentController.PATH)
@PreAuthorize("hasAnyRole('REGISTRAR','DOCTOR','NURSE','FAMILY_DOCTOR')")
class ResidentController {

    static final String PATH = "/mpi/residents";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String REGISTRAR_PURPOSE = "resident registration";
    private static final String CARE_PURPOSE = "care: resident lookup";

    private final ResidentDirectory directory;
    private final ResidentRegistration registration;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final ResidentMerges merges;

    ResidentController(ResidentDirectory directory, ResidentRegistration registration, CurrentActor currentActor,
            MessageSource messages, ResidentMerges merges) {
        this.merges = merges;
        this.directory = directory;
        this.registration = registration;
        this.currentActor = currentActor;
        this.messages = messages;
    }

    @InitBinder("form")
    void bindOnlyFormFields(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(4);
        binder.setAllowedFields("name", "sex", "birthDate", "ethnicityCode", "documents[*].type",
                "documents[*].number", "documents[*].issuingCountry", "phones[*]", "divisionCode", "address",
                "guardianHealthRecordNumber", "householdMemberHealthRecordNumber", "registerAnywayReason", "reason",
                "version", "voidDocumentIds", "voidPhoneIds");
    }

    @GetMapping
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String birthDate,
            @RequestParam(defaultValue = "0") long after, Model model) {
        LocalDate date = null;
        if (!birthDate.isBlank()) {
            try {
                date = LocalDate.parse(birthDate.strip());
            } catch (DateTimeParseException e) {
                model.addAttribute("birthDateInvalid", true);
            }
        }
        model.addAttribute("q", q);
        model.addAttribute("birthDate", birthDate);
        if (!q.isBlank() || date != null) {
            ResidentDirectory.Page page = directory.search(q, date, after, purpose());
            model.addAttribute("page", page);
        }
        model.addAttribute("canRegister", actor().hasRole(Role.REGISTRAR));
        return "mpi/residents/search";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('REGISTRAR')")
    String newResident(Model model, Locale locale) {
        return form(new ResidentForm(), model, locale, Map.of(), List.of(), null);
    }

    /** A newborn (or other minor without documents) registered under a guardian, sharing their household. */
    @GetMapping("/{guardianId}/newborn")
    @PreAuthorize("hasRole('REGISTRAR')")
    String newborn(@PathVariable long guardianId, Model model, Locale locale) {
        ResidentDetails guardian = existing(guardianId);
        ResidentForm form = new ResidentForm();
        form.setGuardianHealthRecordNumber(guardian.resident().healthRecordNumber());
        form.setHouseholdMemberHealthRecordNumber(guardian.resident().healthRecordNumber());
        form.setDivisionCode(guardian.resident().divisionCode());
        form.setAddress(guardian.resident().address());
        form.setEthnicityCode(guardian.ethnicityCode());
        form.setBirthDate(LocalDate.now(CHINA).toString());
        model.addAttribute("newbornOf", guardian);
        return form(form, model, locale, Map.of(), List.of(), null);
    }

    @PostMapping
    @PreAuthorize("hasRole('REGISTRAR')")
    String register(@ModelAttribute("form") ResidentForm form, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            ResidentRegistration.Outcome outcome = registration.register(form.toDraft(), form.getRegisterAnywayReason());
            return switch (outcome) {
                case ResidentRegistration.Registered registered -> "redirect:" + PATH + "/" + registered.residentId()
                        + "?registered";
                case ResidentRegistration.CandidatesFound found -> form(form, model, locale, Map.of(),
                        found.candidates(), null);
            };
        } catch (ResidentInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(form, model, locale, fieldErrors(e.problems(), locale), List.of(), null);
        }
    }

    /** htmx: the toneless pinyin of the name being typed. */
    @PostMapping("/pinyin")
    @PreAuthorize("hasRole('REGISTRAR')")
    String pinyin(@RequestParam(defaultValue = "") String name, Model model) {
        String cleaned = name.length() > 50 ? name.substring(0, 50) : name;
        model.addAttribute("pinyin", cleaned.isBlank() ? "" : ChineseNames.toneless(cleaned));
        return "mpi/residents/fragments :: pinyin";
    }

    @GetMapping("/{id}")
    String view(@PathVariable long id, Model model, Locale locale) {
        return show(id, model, locale);
    }

    /**
     * Undoes the merge of {@code mergedId} into its survivor (from the page of either); back to the restored record.
     * Without a reason (400) or when the merge cannot be undone (409) the page the registrar came from shows why,
     * with the reason as typed.
     */
    @PostMapping("/{mergedId}/unmerge")
    @PreAuthorize("hasRole('REGISTRAR')")
    String unmerge(@PathVariable long mergedId, @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) Long page, Model model, Locale locale, HttpServletResponse response) {
        try {
            merges.unmerge(mergedId, reason);
            return "redirect:" + PATH + "/" + mergedId + "?unmerged";
        } catch (ResidentInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            FieldProblem problem = e.problems().getFirst();
            model.addAttribute("unmergeError", problem.messageKey().equals("mpi.reason.error.REQUIRED")
                    ? messages.getMessage("mpi.merge.error.REASON", null, locale)
                    : messages.getMessage(problem.messageKey(), problem.argumentArray(), problem.messageKey(), locale));
        } catch (MergeConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("unmergeError", messages.getMessage(e.messageKey(), null, e.messageKey(), locale));
        }
        model.addAttribute("unmergeReason", reason);
        return show(page == null ? mergedId : page, model, locale);
    }

    private String show(long id, Model model, Locale locale) {
        ResidentDetails resident = existing(id);
        model.addAttribute("r", resident);
        model.addAttribute("history", directory.history(id, purpose()));
        model.addAttribute("ethnicityName", Ethnicity.fromCode(resident.ethnicityCode())
                .map(e -> e.displayName(locale)).orElse(resident.ethnicityCode()));
        model.addAttribute("villageName", villageName(resident.resident().divisionCode(), locale));
        model.addAttribute("canEdit", actor().hasRole(Role.REGISTRAR));
        model.addAttribute("canReveal", registration.mayRevealDocuments());
        model.addAttribute("merges", merges.of(id, purpose()));
        return "mpi/residents/view";
    }

    /** htmx (or plain post): the full number of one document, for the roles configured to see it; audited. */
    @PostMapping("/{id}/documents/{documentId}/reveal")
    String reveal(@PathVariable long id, @PathVariable long documentId, Model model) {
        try {
            model.addAttribute("revealed", registration.revealDocument(id, documentId, "identity verification at registration"));
        } catch (ResidentNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "mpi/residents/fragments :: revealed";
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize("hasRole('REGISTRAR')")
    String edit(@PathVariable long id, Model model, Locale locale) {
        ResidentDetails resident = existing(id);
        ResidentForm form = new ResidentForm();
        form.setName(resident.resident().name());
        form.setSex(Integer.toString(resident.resident().sex().code()));
        form.setBirthDate(resident.resident().birthDate().toString());
        form.setEthnicityCode(resident.ethnicityCode());
        form.setDivisionCode(resident.resident().divisionCode());
        form.setAddress(resident.resident().address());
        form.setGuardianHealthRecordNumber(resident.guardian() == null ? "" : resident.guardian().healthRecordNumber());
        form.setVersion(resident.version());
        return form(form, model, locale, Map.of(), List.of(), resident);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasRole('REGISTRAR')")
    String update(@PathVariable long id, @ModelAttribute("form") ResidentForm form, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            registration.update(id, form.getVersion(), form.toDraft(), form.getVoidDocumentIds(),
                    form.getVoidPhoneIds(), form.getReason());
            return "redirect:" + PATH + "/" + id + "?updated";
        } catch (ResidentNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (ResidentInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(form, model, locale, fieldErrors(e.problems(), locale), List.of(), existing(id));
        }
    }

    private String form(ResidentForm form, Model model, Locale locale, Map<String, List<String>> errors,
            List<DuplicateCandidate> candidates, ResidentDetails editing) {
        while (form.getDocuments().size() < 2) {
            form.getDocuments().add(new ResidentForm.DocumentRow());
        }
        while (form.getPhones().size() < 2) {
            form.getPhones().add("");
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("candidates", candidates);
        model.addAttribute("editing", editing);
        model.addAttribute("villages", directory.villages(locale));
        model.addAttribute("ethnicities", List.of(Ethnicity.values()));
        model.addAttribute("documentTypes", List.of(IdentityDocumentType.values()));
        model.addAttribute("sexes", List.of(Sex.MALE, Sex.FEMALE, Sex.UNKNOWN, Sex.UNSPECIFIED));
        model.addAttribute("pinyin", form.getName() == null || form.getName().isBlank() ? ""
                : ChineseNames.toneless(form.getName()));
        return "mpi/residents/form";
    }

    /** Field name → its messages in the user's language, in the order found. */
    private Map<String, List<String>> fieldErrors(List<FieldProblem> problems, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            errors.computeIfAbsent(problem.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(problem.messageKey(), problem.argumentArray(), problem.messageKey(), locale));
        }
        return errors;
    }

    private String villageName(String divisionCode, Locale locale) {
        return directory.villages(locale).stream().filter(v -> v.divisionCode().equals(divisionCode))
                .map(ResidentDirectory.Village::label).findFirst().orElse(divisionCode);
    }

    private ResidentDetails existing(long id) {
        return directory.details(id, purpose()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String purpose() {
        return actor().hasRole(Role.REGISTRAR) ? REGISTRAR_PURPOSE : CARE_PURPOSE;
    }

    private Actor actor() {
        return currentActor.require();
    }
}
