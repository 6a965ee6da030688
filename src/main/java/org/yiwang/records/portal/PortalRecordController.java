package org.yiwang.records.portal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.records.Attachment;
import org.yiwang.records.AttachmentContent;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.RecordConsent;
import org.yiwang.records.TimelineCursor;
import org.yiwang.records.TimelinePage;
import org.yiwang.records.TimelineQuery;
import org.yiwang.records.UnhideableEntryException;
import org.yiwang.records.portal.PortalSubjects.Subject;

/**
 * The record pages of the resident portal, for the person being viewed (oneself, a ward, or someone who authorised
 * the resident): reports and results newest first with flags explained in plain words, one item with its PDF,
 * vaccinations, and current problems, medications and allergies. Every read goes through {@link HealthRecord} with the
 * relation's purpose (audited there); the resident, or a guardian for a child, hides an item from other organisations
 * or shares it again ({@link RecordConsent}).
 */
@Controller
@PreAuthorize("hasRole('RESIDENT')")
class PortalRecordController {

    static final String RECORD = "/me/record";
    static final String IMMUNIZATIONS = "/me/immunizations";
    static final String HEALTH = "/me/health";

    private static final Set<EntryKind> RESULTS = Set.of(EntryKind.OBSERVATION, EntryKind.DIAGNOSTIC_REPORT);
    private static final int IMMUNIZATION_PAGE = 50;
    private static final Set<String> KEPT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");

    private final PortalSubjects subjects;
    private final HealthRecord record;
    private final RecordConsent consent;
    private final RecordViews views;
    private final ReportPdf pdf;
    private final Residents residents;
    private final Masking masking;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final PortalProperties properties;

    PortalRecordController(PortalSubjects subjects, HealthRecord record, RecordConsent consent, RecordViews views,
            ReportPdf pdf, Residents residents, Masking masking, AuditTrail audit, MessageSource messages,
            PortalProperties properties) {
        this.subjects = subjects;
        this.record = record;
        this.consent = consent;
        this.views = views;
        this.pdf = pdf;
        this.residents = residents;
        this.masking = masking;
        this.audit = audit;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping(RECORD)
    String results(@RequestParam(required = false) String after, HttpSession session, Model model, Locale locale) {
        Subject subject = subjects.current(session);
        TimelineCursor cursor = cursor(after);
        TimelinePage page = record.timeline(subject.residentId(),
                new TimelineQuery(RESULTS, null, null, Set.of(), cursor, properties.recordPageSize()), subject.purpose());
        common(subject, model);
        model.addAttribute("items", views.items(page.entries(), locale));
        model.addAttribute("next", page.next() == null ? null : page.next().token());
        model.addAttribute("first", cursor == null);
        return "portal/record";
    }

    @GetMapping(RECORD + "/{entryId}")
    String item(@PathVariable long entryId, HttpSession session, Model model, Locale locale) {
        Subject subject = subjects.current(session);
        return itemPage(subject, entry(subject, entryId), model, locale, null);
    }

    /** The report's PDF: the file the organisation sent, as kept, or one written from the report's text. */
    @GetMapping(RECORD + "/{entryId}/pdf")
    ResponseEntity<byte[]> reportPdf(@PathVariable long entryId, HttpSession session, Locale locale) {
        Subject subject = subjects.current(session);
        ClinicalEntry report = entry(subject, entryId);
        if (report.kind() != EntryKind.DIAGNOSTIC_REPORT && report.kind() != EntryKind.DOCUMENT) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "entry " + entryId + " is not a report");
        }
        Optional<Attachment> kept = report.attachments().stream()
                .filter(a -> "application/pdf".equals(a.contentType())).findFirst();
        if (kept.isPresent()) {
            return download(attachment(subject, report, kept.get().id()));
        }
        if (report.kind() != EntryKind.DIAGNOSTIC_REPORT) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "this document has no PDF");
        }
        if (!pdf.available()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    messages.getMessage("portal.item.pdfUnavailable", null, locale));
        }
        byte[] bytes = pdf.write(printable(subject, report, locale));
        audit.record(AuditEvent.read(subject.residentId(), "PORTAL_DOWNLOAD_REPORT", "DiagnosticReport",
                Long.toString(entryId), subject.purpose()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(views.name(report, locale) + " "
                        + RecordViews.date(report.effectiveAt()) + ".pdf"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(bytes);
    }

    /** A file kept with a report or document, byte for byte, as a download. */
    @GetMapping(RECORD + "/{entryId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable long entryId, @PathVariable long attachmentId, HttpSession session) {
        Subject subject = subjects.current(session);
        return download(attachment(subject, entry(subject, entryId), attachmentId));
    }

    @PostMapping(RECORD + "/{entryId}/hide")
    String hide(@PathVariable long entryId, HttpSession session, Model model, Locale locale,
            HttpServletResponse response) {
        return consent(entryId, true, session, model, locale, response);
    }

    @PostMapping(RECORD + "/{entryId}/unhide")
    String unhide(@PathVariable long entryId, HttpSession session, Model model, Locale locale,
            HttpServletResponse response) {
        return consent(entryId, false, session, model, locale, response);
    }

    @GetMapping(IMMUNIZATIONS)
    String immunizations(@RequestParam(required = false) String after, HttpSession session, Model model,
            Locale locale) {
        Subject subject = subjects.current(session);
        TimelineCursor cursor = cursor(after);
        TimelinePage page = record.timeline(subject.residentId(), new TimelineQuery(Set.of(EntryKind.IMMUNIZATION),
                null, null, Set.of(), cursor, IMMUNIZATION_PAGE), subject.purpose());
        Map<Long, String> organisations = views.organisationNames(page.entries(), locale);
        common(subject, model);
        model.addAttribute("vaccinations", page.entries().stream().map(e -> {
            EntryDetails.Immunization d = e.details(EntryDetails.Immunization.class);
            return new Vaccination(e.id(), views.name(e, locale), d.doseNumber(), RecordViews.date(e.effectiveAt()),
                    d.site(), d.route(), organisations.getOrDefault(e.organisationId(), ""),
                    "not-done".equals(e.status()));
        }).toList());
        model.addAttribute("next", page.next() == null ? null : page.next().token());
        model.addAttribute("first", cursor == null);
        return "portal/immunizations";
    }

    record Vaccination(long id, String vaccine, Integer dose, String date, String site, String route,
            String organisation, boolean notDone) {
    }

    /** A health problem: {@code plainName} in everyday words when the bundle has one for its ICD-10 category. */
    record Problem(long id, String name, String plainName, String code, String since, String organisation,
            boolean hidden) {
    }

    record Medication(long id, String name, String dose, String route, String frequency, String since, String until,
            String organisation) {
    }

    record Allergy(long id, String substance, String reaction, boolean severe, String category, String organisation) {
    }

    @GetMapping(HEALTH)
    String health(HttpSession session, Model model, Locale locale) {
        Subject subject = subjects.current(session);
        List<ClinicalEntry> problems = record.activeProblems(subject.residentId(), subject.purpose());
        List<ClinicalEntry> medications = record.activeMedications(subject.residentId(), subject.purpose());
        List<ClinicalEntry> allergies = record.allergies(subject.residentId(), subject.purpose());
        List<ClinicalEntry> all = new ArrayList<>(problems);
        all.addAll(medications);
        all.addAll(allergies);
        Map<Long, String> organisations = views.organisationNames(all, locale);
        common(subject, model);
        model.addAttribute("problems", problems.stream().map(e -> {
            EntryDetails.Condition c = e.details(EntryDetails.Condition.class);
            return new Problem(e.id(), views.name(e, locale), plainName(e.code().code(), locale), e.code().code(),
                    c.onsetDate() != null ? c.onsetDate().toString() : RecordViews.date(e.effectiveAt()),
                    organisations.getOrDefault(e.organisationId(), ""), e.hiddenAt() != null);
        }).toList());
        model.addAttribute("medications", medications.stream().map(e -> {
            EntryDetails.MedicationRequest m = e.details(EntryDetails.MedicationRequest.class);
            return new Medication(e.id(), views.name(e, locale),
                    m.dose() == null ? null : PlainResults.quantity(m.dose(), locale), m.route(), m.frequency(),
                    RecordViews.date(e.effectiveAt()), e.endedAt() == null ? null : RecordViews.date(e.endedAt()),
                    organisations.getOrDefault(e.organisationId(), ""));
        }).toList());
        model.addAttribute("allergies", allergies.stream().map(e -> {
            EntryDetails.Allergy a = e.details(EntryDetails.Allergy.class);
            return new Allergy(e.id(), views.name(e, locale), a.reaction(),
                    a.criticality() == EntryDetails.Criticality.HIGH,
                    a.category() == null ? null : "portal.allergy." + a.category().name(),
                    organisations.getOrDefault(e.organisationId(), ""));
        }).toList());
        return "portal/health";
    }

    private String consent(long entryId, boolean hide, HttpSession session, Model model, Locale locale,
            HttpServletResponse response) {
        Subject subject = subjects.current(session);
        ClinicalEntry entry = entry(subject, entryId);
        if (!subject.keepsConsent()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "only the resident, or a guardian for a child, decides what is shared");
        }
        try {
            if (hide) {
                consent.hide(entryId, subject.purpose() + ": hide from other organisations");
            } else {
                consent.unhide(entryId, subject.purpose() + ": share with other organisations");
            }
        } catch (UnhideableEntryException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return itemPage(subject, entry, model, locale, messages.getMessage("portal.consent.unhideable",
                    new Object[] {views.name(entry, locale), e.code()}, locale));
        }
        return "redirect:" + RECORD + "/" + entryId + (hide ? "?hidden" : "?shared");
    }

    private String itemPage(Subject subject, ClinicalEntry entry, Model model, Locale locale, String consentError) {
        common(subject, model);
        Map<Long, String> organisations = views.organisationNames(List.of(entry), locale);
        model.addAttribute("item", views.item(entry, organisations, locale));
        model.addAttribute("entry", entry);
        model.addAttribute("report", entry.details() instanceof EntryDetails.Report r ? r : null);
        model.addAttribute("document", entry.details() instanceof EntryDetails.Document d ? d : null);
        if (entry.details() instanceof EntryDetails.Report report && !report.resultEntryIds().isEmpty()) {
            List<ClinicalEntry> results = record.findAll(report.resultEntryIds().stream().limit(100).toList(),
                    subject.purpose());
            model.addAttribute("results", views.items(results, locale));
        } else {
            model.addAttribute("results", List.of());
        }
        boolean keptPdf = entry.attachments().stream().anyMatch(a -> "application/pdf".equals(a.contentType()));
        model.addAttribute("pdfLink", entry.kind() == EntryKind.DIAGNOSTIC_REPORT && (keptPdf || pdf.available())
                || entry.kind() == EntryKind.DOCUMENT && keptPdf);
        model.addAttribute("printInstead", entry.kind() == EntryKind.DIAGNOSTIC_REPORT && !keptPdf && !pdf.available());
        model.addAttribute("unhideable", Coding.ICD10.equals(entry.code().system())
                && consent.unhideable(entry.code().code()));
        model.addAttribute("consentError", consentError);
        return "portal/item";
    }

    private void common(Subject subject, Model model) {
        model.addAttribute("subject", subject);
        if (!subject.own()) {
            model.addAttribute("maskedName", residents.findById(subject.residentId(), subject.purpose())
                    .map(r -> masking.name(r.name())).orElse(""));
        }
    }

    /** Someone else's item: 403 with a page in the portal's words (the staff page offers an override). */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.yiwang.records.RecordAccessDeniedException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.FORBIDDEN)
    String notYours() {
        return "portal/denied";
    }

    /** The entry, read for the person being viewed; 404 when it is not theirs or not shown to the reader. */
    private ClinicalEntry entry(Subject subject, long entryId) {
        ClinicalEntry entry = record.find(entryId, subject.purpose())
                .filter(e -> !e.voided())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no entry " + entryId));
        if (!residents.recordIds(subject.residentId()).contains(entry.residentId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "entry " + entryId + " is not in the record being viewed; switch to its person first");
        }
        return entry;
    }

    private AttachmentContent attachment(Subject subject, ClinicalEntry entry, long attachmentId) {
        if (entry.attachments().stream().noneMatch(a -> a.id() == attachmentId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no attachment " + attachmentId + " on this item");
        }
        return record.attachmentContent(attachmentId, subject.purpose())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no attachment " + attachmentId));
    }

    private static ResponseEntity<byte[]> download(AttachmentContent content) {
        Attachment a = content.attachment();
        MediaType type = KEPT_TYPES.contains(a.contentType()) ? MediaType.parseMediaType(a.contentType())
                : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(a.title()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content.content());
    }

    /** An attachment disposition with a file name that cannot break the header or name a path. */
    static String disposition(String fileName) {
        String safe = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}\\\\/:*?\"<>|;]+", "_").strip();
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.' || c == '_')) {
            safe = "report.pdf";
        }
        if (safe.length() > 120) {
            safe = safe.substring(safe.length() - 120);
        }
        return ContentDisposition.attachment().filename(safe, StandardCharsets.UTF_8).build().toString();
    }

    private ReportPdf.Printable printable(Subject subject, ClinicalEntry report, Locale locale) {
        EntryDetails.Report details = report.details(EntryDetails.Report.class);
        RecordViews.Item item = views.item(report, views.organisationNames(List.of(report), locale), locale);
        String name = residents.findById(subject.residentId(), subject.purpose()).map(r -> r.name()).orElse("");
        List<ReportPdf.Field> header = new ArrayList<>();
        header.add(new ReportPdf.Field(msg("portal.pdf.name", locale), name));
        header.add(new ReportPdf.Field(msg("portal.pdf.organisation", locale), item.organisation()));
        header.add(new ReportPdf.Field(msg("portal.pdf.date", locale), item.date()));
        if (item.category() != null) {
            header.add(new ReportPdf.Field(msg("portal.pdf.category", locale), item.category()));
        }
        if (details.performerName() != null) {
            header.add(new ReportPdf.Field(msg("portal.pdf.performer", locale), details.performerName()));
        }
        List<ReportPdf.Row> rows = new ArrayList<>();
        if (!details.resultEntryIds().isEmpty()) {
            for (RecordViews.Item r : views.items(record.findAll(details.resultEntryIds().stream().limit(100).toList(),
                    subject.purpose()), locale)) {
                if (r.result() != null && r.components().isEmpty()) {
                    rows.add(row(r.result()));
                }
                r.components().forEach(c -> rows.add(row(c)));
            }
        }
        return new ReportPdf.Printable(item.name(), header, msg("portal.item.findings", locale), details.findings(),
                msg("portal.item.conclusion", locale), details.conclusion(), msg("portal.item.results", locale),
                List.of(msg("portal.pdf.test", locale), msg("portal.pdf.value", locale), msg("portal.pdf.range", locale),
                        msg("portal.pdf.flag", locale)),
                rows, msg("portal.pdf.footer", locale));
    }

    private static ReportPdf.Row row(RecordViews.Result r) {
        return new ReportPdf.Row(r.name(), r.value(), r.range(), r.abnormal() ? r.flagLabel() : "", r.abnormal());
    }

    /** The everyday name of a diagnosis by its ICD-10 category (E11 → 2 型糖尿病), or null. */
    private String plainName(String icd10, Locale locale) {
        String category = icd10.length() >= 3 ? icd10.substring(0, 3) : icd10;
        return messages.getMessage("portal.plain.icd." + category, null, null, locale);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static TimelineCursor cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return TimelineCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "after: not a page position of this list (use the link of the previous page)");
        }
    }
}
