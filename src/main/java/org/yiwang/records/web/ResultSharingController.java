package org.yiwang.records.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.ObservationCatalogue;
import org.yiwang.records.ObservationType;

/**
 * Result sharing (检查检验结果互认) before a test is ordered: the clinician picks the test, sees the resident's recent
 * results of the same or an equivalent test from any organisation of the county, and either uses one of them or
 * orders anyway. The decision goes to the audit trail ({@value #ACCEPTED} / {@value #DECLINED}, object = the test's
 * LOINC code) so the commission can count the repeat tests avoided. The order itself is placed in the
 * organisation's own HIS: the platform sends no orders.
 */
@Controller
@RequestMapping("/records/residents/{residentId}/result-sharing")
@PreAuthorize("hasAnyRole('DOCTOR','FAMILY_DOCTOR')")
class ResultSharingController {

    static final String ACCEPTED = "RESULT_SHARING_ACCEPTED";
    static final String DECLINED = "RESULT_SHARING_DECLINED";
    static final String PURPOSE = "care: result sharing before ordering";

    private final HealthRecord record;
    private final Residents residents;
    private final ObservationCatalogue catalogue;
    private final SourceNames names;
    private final AuditTrail audit;

    ResultSharingController(HealthRecord record, Residents residents, ObservationCatalogue catalogue,
                            SourceNames names, AuditTrail audit) {
        this.record = record;
        this.residents = residents;
        this.catalogue = catalogue;
        this.names = names;
        this.audit = audit;
    }

    /** htmx (or a page without script): the recent equivalent results of the test about to be ordered. */
    @GetMapping
    String offers(@PathVariable long residentId, @RequestParam(defaultValue = "") String code,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale,
                  HttpServletResponse response) {
        long id = currentId(residentId);
        Optional<ObservationType> test = catalogue.find(code.strip());
        if (test.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("unknownCode", code);
            return "records/fragments :: sharingError";
        }
        List<ClinicalEntry> results = record.recentEquivalentResults(id, test.get().code(), PURPOSE);
        model.addAttribute("test", test.get());
        model.addAttribute("results", names.of(results, List.of(), locale).views(results));
        model.addAttribute("residentId", id);
        return htmx != null ? "records/fragments :: sharingOffers" : "records/sharing";
    }

    /**
     * The clinician's decision: {@code use} with the chosen result's {@code entryId} (which must be one of the
     * offered results), or {@code order}. Audited; answers with what to do next.
     */
    @PostMapping
    String decide(@PathVariable long residentId, @RequestParam(defaultValue = "") String code,
                  @RequestParam(defaultValue = "") String decision, @RequestParam(required = false) Long entryId,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale,
                  HttpServletResponse response) {
        long id = currentId(residentId);
        Optional<ObservationType> test = catalogue.find(code.strip());
        if (test.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("unknownCode", code);
            return "records/fragments :: sharingError";
        }
        boolean use = "use".equals(decision);
        if (!use && !"order".equals(decision)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("badDecision", decision);
            return "records/fragments :: sharingError";
        }
        ClinicalEntry used = null;
        if (use) {
            used = record.recentEquivalentResults(id, test.get().code(), PURPOSE).stream()
                    .filter(e -> entryId != null && e.id() == entryId).findFirst().orElse(null);
            if (used == null) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("notOffered", entryId == null ? "" : entryId.toString());
                return "records/fragments :: sharingError";
            }
        }
        audit.record(new AuditEvent(AuditEvent.Category.HEALTH_DATA_READ, use ? ACCEPTED : DECLINED, id,
                "ObservationDefinition", test.get().code(), PURPOSE, AuditEvent.Outcome.SUCCESS, null,
                use ? "used entry " + used.id() : "ordered anyway"));
        if (htmx == null) {
            return "redirect:" + UriComponentsBuilder.fromPath("/records/residents/" + id)
                    .queryParam("shared", use ? "used" : "ordered").queryParam("test", test.get().code())
                    .build().encode().toUriString();
        }
        model.addAttribute("test", test.get());
        model.addAttribute("used", used == null ? null : names.of(List.of(used), List.of(), locale).view(used));
        return "records/fragments :: sharingDecision";
    }

    private long currentId(long residentId) {
        return residents.resolve(residentId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
