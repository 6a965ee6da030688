package org.yiwang.records.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
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
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.Coding;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.RecordConsent;
import org.yiwang.records.UnhideableEntryException;

/**
 * Staff hide or share again one item of a resident's record on the resident's written request (consent): the request
 * is named in the form and audited. An item the law requires to be shared is refused with 409 and a message naming the
 * law.
 */
@Controller
@RequestMapping("/records/entries/{entryId}/consent")
@PreAuthorize(BreakGlassController.CLINICAL)
class ConsentController {

    private static final String PURPOSE = "consent: resident's written request";
    private static final int MAX_REQUEST = 500;

    private final HealthRecord record;
    private final RecordConsent consent;
    private final MessageSource messages;

    ConsentController(HealthRecord record, RecordConsent consent, MessageSource messages) {
        this.record = record;
        this.consent = consent;
        this.messages = messages;
    }

    @GetMapping
    String form(@PathVariable long entryId, Model model) {
        return form(entry(entryId), model, "", null);
    }

    @PostMapping
    String change(@PathVariable long entryId, @RequestParam(defaultValue = "") String request,
                  @RequestParam(defaultValue = "hide") String action, Model model, HttpServletResponse response,
                  Locale locale) {
        ClinicalEntry entry = entry(entryId);
        String error = request.isBlank() ? messages.getMessage("records.access.consent.request.required", null, locale)
                : request.strip().length() > MAX_REQUEST
                ? messages.getMessage("records.access.breakGlass.reason.tooLong", new Object[] {MAX_REQUEST}, locale)
                : null;
        if (error != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(entry, model, request, error);
        }
        String purpose = PURPOSE + ": " + request.strip();
        try {
            if ("unhide".equals(action)) {
                consent.unhide(entryId, purpose);
            } else {
                consent.hide(entryId, purpose);
            }
        } catch (UnhideableEntryException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(entry, model, request, messages.getMessage(UnhideableEntryException.MESSAGE_KEY,
                    new Object[] {e.code()}, locale));
        }
        return "redirect:/records/entries/" + entryId + "/consent?" + ("unhide".equals(action) ? "shared" : "hidden");
    }

    private String form(ClinicalEntry entry, Model model, String request, String error) {
        model.addAttribute("entry", entry);
        model.addAttribute("unhideable", Coding.ICD10.equals(entry.code().system())
                && consent.unhideable(entry.code().code()));
        model.addAttribute("request", request);
        model.addAttribute("requestError", error);
        model.addAttribute("maxRequest", MAX_REQUEST);
        return "records/access/consent";
    }

    private ClinicalEntry entry(long entryId) {
        return record.find(entryId, PURPOSE).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
