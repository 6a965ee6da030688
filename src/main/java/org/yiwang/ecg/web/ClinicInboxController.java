package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yiwang.ecg.ClaimRefusedException;
import org.yiwang.ecg.EcgProperties;
import org.yiwang.ecg.EcgReports;
import org.yiwang.ecg.InboxItem;

/**
 * The clinic's ECG results: its latest uploads with where each stands and the signed reports, live (the page asks
 * the database every few seconds whether anything changed, so a report signed on any node shows at once). A critical
 * report raises an alarm (red banner, sound and vibration where the browser allows) until a clinician acknowledges
 * it, and offers the chest-pain green channel when a referral service is present.
 */
@Controller
@PreAuthorize("hasAnyRole('DOCTOR', 'NURSE', 'FAMILY_DOCTOR')")
class ClinicInboxController {

    static final String CLINIC = "/ecg/clinic";
    static final String PURPOSE = "ECG results of the clinic";

    private final EcgReports reports;
    private final ResidentNames names;
    private final MessageSource messages;
    private final EcgProperties properties;
    private final Clock clock;

    ClinicInboxController(EcgReports reports, ResidentNames names, MessageSource messages,
                          EcgProperties properties, Clock clock) {
        this.reports = reports;
        this.names = names;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(CLINIC)
    String clinic(Model model) {
        inboxModel(model);
        return "ecg/clinic";
    }

    @GetMapping(CLINIC + "/live")
    String live(@RequestParam(defaultValue = "") String v, Model model, HttpServletResponse response) {
        if (reports.inboxVersion().equals(v)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        inboxModel(model);
        return "ecg/clinic :: live";
    }

    private void inboxModel(Model model) {
        List<InboxItem> alarms = reports.alarms();
        List<InboxItem> inbox = reports.inbox();
        Set<Long> residents = new LinkedHashSet<>();
        Stream.concat(alarms.stream(), inbox.stream()).forEach(i -> residents.add(i.residentId()));
        model.addAttribute("alarms", alarms);
        model.addAttribute("inbox", inbox);
        model.addAttribute("names", names.of(residents, PURPOSE));
        model.addAttribute("version", reports.inboxVersion());
        model.addAttribute("greenChannel", reports.greenChannelAvailable());
        model.addAttribute("now", clock.instant());
        model.addAttribute("pollSeconds", Math.max(1, properties.reading().livePoll().toSeconds()));
    }

    @PostMapping(CLINIC + "/{id}/acknowledge")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            reports.acknowledge(id);
        } catch (ClaimRefusedException e) {
            redirect.addFlashAttribute("refusal", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "redirect:" + CLINIC;
    }

    @PostMapping(CLINIC + "/{id}/green-channel")
    String greenChannel(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            return "redirect:" + reports.openGreenChannel(id);
        } catch (ClaimRefusedException e) {
            redirect.addFlashAttribute("refusal", messages.getMessage(e.messageKey(), e.args(), locale));
            return "redirect:" + CLINIC;
        }
    }
}
