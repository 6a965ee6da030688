package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.ecg.ClaimRefusedException;
import org.yiwang.ecg.EcgReading;
import org.yiwang.ecg.EcgRecordingNotFoundException;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.EcgReports;
import org.yiwang.ecg.ReportDraft;
import org.yiwang.ecg.ReportInputException;
import org.yiwang.ecg.ReportProblem;
import org.yiwang.ecg.ReportStatement;
import org.yiwang.ecg.ReportTemplates;
import org.yiwang.ecg.SignedReport;
import org.yiwang.ecg.WorklistCursor;
import org.yiwang.ecg.WorklistItem;
import org.yiwang.ecg.WorklistPage;
import org.yiwang.registry.Organisations;

/**
 * The reader's pages: the worklist (live: it asks the database every few seconds whether anything changed, so it
 * works with any number of application nodes), claiming, and the reading page with the structured report form,
 * signing, releasing and amending.
 */
@Controller
@PreAuthorize("hasRole('ECG_READER')")
class WorklistController {

    static final String WORKLIST = "/ecg/worklist";
    static final String PURPOSE = "ECG reading worklist";

    private final EcgReading reading;
    private final EcgReports reports;
    private final EcgRecordings recordings;
    private final ReportTemplates templates;
    private final ResidentNames names;
    private final MessageSource messages;
    private final ReportPanel panel;
    private final org.yiwang.ecg.EcgProperties properties;
    private final Organisations organisations;
    private final Clock clock;

    WorklistController(EcgReading reading, EcgReports reports, EcgRecordings recordings, ReportTemplates templates,
                       ResidentNames names, MessageSource messages, ReportPanel panel,
                       org.yiwang.ecg.EcgProperties properties, Organisations organisations, Clock clock) {
        this.organisations = organisations;
        this.reading = reading;
        this.reports = reports;
        this.recordings = recordings;
        this.templates = templates;
        this.names = names;
        this.messages = messages;
        this.panel = panel;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(WORKLIST)
    String worklist(@RequestParam(required = false) String after, Model model) {
        queueModel(WorklistCursor.parse(after), model);
        return "ecg/worklist";
    }

    /** 204 while the first page and the claims are as the page shows them ({@code v}), else the fresh list. */
    @GetMapping(WORKLIST + "/live")
    String live(@RequestParam(defaultValue = "") String v, Model model, HttpServletResponse response) {
        if (reading.queueVersion().equals(v)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        queueModel(null, model);
        return "ecg/worklist :: live";
    }

    private void queueModel(WorklistCursor after, Model model) {
        WorklistPage page = reading.queue(after, properties.reading().pageSize());
        List<WorklistItem> claimed = reading.claimed();
        Set<Long> residentIds = new LinkedHashSet<>();
        Stream.concat(page.items().stream(), claimed.stream()).forEach(i -> residentIds.add(i.residentId()));
        model.addAttribute("page", page);
        model.addAttribute("claimed", claimed);
        model.addAttribute("me", reading.currentReader());
        model.addAttribute("names", names.of(residentIds, PURPOSE));
        Map<Long, String> clinics = new java.util.HashMap<>();
        boolean english = "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        organisations.findAllById(page.items().stream().map(WorklistItem::organisationId).distinct().toList())
                .forEach(o -> clinics.put(o.id(), english && o.nameEn() != null ? o.nameEn() : o.nameZh()));
        model.addAttribute("clinics", clinics);
        model.addAttribute("version", reading.queueVersion());
        model.addAttribute("firstPage", after == null);
        model.addAttribute("now", clock.instant());
        model.addAttribute("pollSeconds", Math.max(1, properties.reading().livePoll().toSeconds()));
    }

    @PostMapping(WORKLIST + "/{id}/claim")
    String claim(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            reading.claim(id);
            return "redirect:/ecg/reading/" + id;
        } catch (ClaimRefusedException e) {
            redirect.addFlashAttribute("refusal", messages.getMessage(e.messageKey(), e.args(), locale));
            return "redirect:" + WORKLIST;
        }
    }

    @GetMapping("/ecg/reading/{id}")
    String reading(@PathVariable long id, Model model) {
        ReportDraft draft = reports.draft(id);
        ReportForm form = ReportForm.of(draft);
        return readingPage(id, form, Map.of(), model);
    }

    @PostMapping("/ecg/reading/{id}/release")
    String release(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            reading.release(id);
        } catch (ClaimRefusedException e) {
            redirect.addFlashAttribute("refusal", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "redirect:" + WORKLIST;
    }

    @PostMapping("/ecg/reading/{id}/sign")
    String sign(@PathVariable long id, @ModelAttribute("form") ReportForm form, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        return write(id, form, false, model, locale, response, redirect);
    }

    @PostMapping("/ecg/reading/{id}/amend")
    String amend(@PathVariable long id, @ModelAttribute("form") ReportForm form, Model model, Locale locale,
                 HttpServletResponse response, RedirectAttributes redirect) {
        return write(id, form, true, model, locale, response, redirect);
    }

    private String write(long id, ReportForm form, boolean amend, Model model, Locale locale,
                         HttpServletResponse response, RedirectAttributes redirect) {
        List<ReportProblem> problems = new ArrayList<>();
        ReportDraft draft = form.draft(problems);
        if (problems.isEmpty()) {
            try {
                if (amend) {
                    reports.amend(id, draft, form.getReason());
                } else {
                    reports.sign(id, draft);
                }
                redirect.addFlashAttribute("signed", true);
                return "redirect:/ecg/reading/" + id;
            } catch (ReportInputException e) {
                problems.addAll(e.problems());
            } catch (ClaimRefusedException e) {
                redirect.addFlashAttribute("refusal", messages.getMessage(e.messageKey(), e.args(), locale));
                return "redirect:/ecg/reading/" + id;
            }
        } else {
            problems.addAll(reports.check(draft).stream()
                    .filter(p -> problems.stream().noneMatch(q -> q.field().equals(p.field()))).toList());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ReportProblem p : problems) {
            errors.computeIfAbsent(p.field(), f -> new ArrayList<>())
                    .add(messages.getMessage(p.messageKey(), p.args().toArray(), locale));
        }
        response.setStatus(422);
        model.addAttribute("amending", amend);
        return readingPage(id, form, errors, model);
    }

    private String readingPage(long id, ReportForm form, Map<String, List<String>> errors, Model model) {
        EcgRecordingSummary recording = recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
        WorklistItem state = reading.state(id);
        List<SignedReport> versions = reports.versions(id);
        Map<String, List<ReportStatement>> byCategory = new LinkedHashMap<>();
        templates.all().forEach(s -> byCategory.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(s));
        Set<String> suggested = new LinkedHashSet<>();
        recording.analysis().ifPresent(a -> templates.suggestedFor(a).forEach(s -> suggested.add(s.code())));
        model.addAttribute("recording", recording);
        model.addAttribute("state", state);
        model.addAttribute("mine", state.claimedBy() != null && state.claimedBy() == reading.currentReader());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("statements", byCategory);
        model.addAttribute("suggested", suggested);
        model.addAttribute("versions", versions);
        model.addAttribute("resident", names.of(List.of(recording.residentId()), PURPOSE).get(recording.residentId()));
        model.addAttribute("now", clock.instant());
        if (!model.containsAttribute("amending")) {
            model.addAttribute("amending", false);
        }
        return "ecg/reading";
    }
}
