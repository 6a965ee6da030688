package org.yiwang.platform.audit.internal;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.VerificationReport;
import org.yiwang.platform.security.OrganisationDirectory;

/**
 * The audit trail for system administrators: a filtered newest-first listing and an on-demand chain check.
 * Authorized from Spring Security's authorities alone, so it needs no acting organisation.
 */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class AuditAdminController {

    static final int PAGE_SIZE = 50;

    static final DateTimeFormatter DISPLAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditLogForm.DISPLAY_ZONE);

    private final AuditLogQuery query;
    private final AuditVerification verification;
    private final AuditTrail trail;
    // Implemented by the registry module; the page still works (with ids) without it.
    private final ObjectProvider<OrganisationDirectory> organisations;

    AuditAdminController(AuditLogQuery query, AuditVerification verification, AuditTrail trail,
            ObjectProvider<OrganisationDirectory> organisations) {
        this.query = query;
        this.verification = verification;
        this.trail = trail;
        this.organisations = organisations;
    }

    @GetMapping
    String log(@ModelAttribute("filter") AuditLogForm form, Model model, Locale locale) {
        AuditLogForm.Parsed parsed = form.parse();
        model.addAttribute("errors", parsed.errors());
        model.addAttribute("categories", AuditEvent.Category.values());
        model.addAttribute("displayTime", DISPLAY_TIME);
        if (!parsed.errors().isEmpty()) {
            model.addAttribute("entries", List.of());
            model.addAttribute("organisationNames", Map.of());
            return "platform/audit/log";
        }
        List<AuditLogEntry> fetched = query.page(parsed.filter(), PAGE_SIZE + 1);
        List<AuditLogEntry> entries = fetched.subList(0, Math.min(PAGE_SIZE, fetched.size()));
        model.addAttribute("entries", entries);
        model.addAttribute("organisationNames", organisationNames(entries, locale));
        if (fetched.size() > PAGE_SIZE) {
            model.addAttribute("older", form.after(entries.getLast().cursor()));
        }
        return "platform/audit/log";
    }

    @PostMapping("/verify")
    String verify(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale) {
        VerificationReport report = verification.verify();
        // The check itself is a security-relevant administrative act (SEC-05).
        trail.record(AuditEvent.administration("AUDIT_VERIFY", "AuditChain", null, summary(report)));
        model.addAttribute("report", report);
        model.addAttribute("displayTime", DISPLAY_TIME);
        if (htmx != null) {
            return "platform/audit/verification :: result";
        }
        AuditLogForm unfiltered = new AuditLogForm(null, null, null, null, null, null, null);
        model.addAttribute("filter", unfiltered);
        return log(unfiltered, model, locale);
    }

    private Map<Long, String> organisationNames(List<AuditLogEntry> entries, Locale locale) {
        OrganisationDirectory directory = organisations.getIfAvailable();
        List<Long> ids = entries.stream().map(AuditLogEntry::organisationId).filter(Objects::nonNull).distinct().toList();
        if (directory == null || ids.isEmpty()) {
            return Map.of();
        }
        return directory.names(ids, locale);
    }

    private static String summary(VerificationReport report) {
        if (report.intact()) {
            return "intact, " + report.entriesChecked() + " entries checked";
        }
        return "broken at chain position " + report.firstBreak().chainSeq() + ": " + report.firstBreak().reason();
    }
}
