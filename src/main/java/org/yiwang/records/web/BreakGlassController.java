package org.yiwang.records.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
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
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.records.CareRelationship;
import org.yiwang.records.CareRelationships;
import org.yiwang.records.SensitiveGrant;
import org.yiwang.records.RecordAccess;
import org.yiwang.records.RecordAccessProperties;
import org.yiwang.records.RecordAccessView;

/**
 * The emergency override (破窗访问) for clinicians without a care relationship: a form asking for the reason, which
 * opens the resident's record to this account and organisation for the configured time; and the page that shows on
 * what ground the record is open (relationships, override, sensitive-category grants).
 */
@Controller
@RequestMapping("/records/residents/{residentId}")
@PreAuthorize(BreakGlassController.CLINICAL)
class BreakGlassController {

    static final String CLINICAL = "hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER','PHARMACIST',"
            + "'LAB_TECHNICIAN','PUBLIC_HEALTH_WORKER')";
    /** The clinician's record page (全景视图), where a granted override leads. */
    static final String RECORD_PAGE = "/records/residents/";
    private static final int MAX_REASON = 500;

    private final RecordAccess access;
    private final CareRelationships relationships;
    private final Residents residents;
    private final RecordAccessProperties properties;
    private final MessageSource messages;
    private final OrganisationDirectory organisations;

    BreakGlassController(RecordAccess access, CareRelationships relationships, Residents residents,
                         RecordAccessProperties properties, MessageSource messages,
                         OrganisationDirectory organisations) {
        this.organisations = organisations;
        this.access = access;
        this.relationships = relationships;
        this.residents = residents;
        this.properties = properties;
        this.messages = messages;
    }

    @GetMapping("/break-glass")
    String form(@PathVariable long residentId, Model model) {
        return form(residentId, model, "", null);
    }

    @PostMapping("/break-glass")
    String breakGlass(@PathVariable long residentId, @RequestParam(defaultValue = "") String reason, Model model,
                      HttpServletResponse response, Locale locale) {
        String error = reason.isBlank() ? messages.getMessage("records.access.breakGlass.reason.required", null, locale)
                : reason.strip().length() > MAX_REASON
                ? messages.getMessage("records.access.breakGlass.reason.tooLong", new Object[] {MAX_REASON}, locale)
                : null;
        if (error != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(residentId, model, reason, error);
        }
        access.breakGlass(residentId, reason);
        return "redirect:" + RECORD_PAGE + residentId;
    }

    /** On what ground the current actor reads the record; refused (403 page) without one. */
    @GetMapping("/access")
    String overview(@PathVariable long residentId, Model model, Locale locale) {
        String purpose = "care: record access overview";
        List<SensitiveGrant> grants = access.sensitiveGrants(residentId, purpose);
        List<CareRelationship> list = relationships.forResident(residentId, CareRelationships.MAX_LIST, purpose);
        Set<Long> organisationIds = new HashSet<>();
        grants.forEach(g -> organisationIds.add(g.organisationId()));
        list.forEach(r -> organisationIds.add(r.organisationId()));
        model.addAttribute("organisationNames", organisations.names(organisationIds, locale));
        model.addAttribute("grants", grants);
        model.addAttribute("relationships", list);
        model.addAttribute("access", access.currentAccess(residentId));
        model.addAttribute("resident", resident(residentId, purpose));
        return "records/access/overview";
    }

    private String form(long residentId, Model model, String reason, String error) {
        ResidentSummary resident = resident(residentId, "break-glass request: confirm resident");
        RecordAccessView current = access.currentAccess(residentId);
        model.addAttribute("resident", resident);
        model.addAttribute("access", current);
        model.addAttribute("reason", reason);
        model.addAttribute("reasonError", error);
        model.addAttribute("maxReason", MAX_REASON);
        model.addAttribute("minutes", properties.breakGlassDuration().toMinutes());
        model.addAttribute("recordPage", RECORD_PAGE + residentId);
        return "records/access/break-glass";
    }

    private ResidentSummary resident(long residentId, String purpose) {
        return residents.findCurrent(residentId, purpose).filter(r -> !r.voided())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

}
