package org.yiwang.ecg.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yiwang.ecg.EcgProperties;
import org.yiwang.ecg.EcgTurnaround;
import org.yiwang.ecg.TurnaroundDay;
import org.yiwang.platform.web.InvalidInputException;

/** The reading centre's turnaround per day, for its readers (the commission calls {@link EcgTurnaround} itself). */
@Controller
@PreAuthorize("hasRole('ECG_READER')")
class TurnaroundController {

    static final String TURNAROUND = "/ecg/turnaround";

    private final EcgTurnaround turnaround;
    private final EcgProperties properties;

    TurnaroundController(EcgTurnaround turnaround, EcgProperties properties) {
        this.turnaround = turnaround;
        this.properties = properties;
    }

    @GetMapping(TURNAROUND)
    String turnaround(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      Model model) {
        LocalDate today = LocalDate.now(EcgTurnaround.ZONE);
        LocalDate end = date(to, today);
        LocalDate start = date(from, end.minusDays(13));
        List<TurnaroundDay> days = turnaround.forCentre(turnaround.currentCentre(), start, end);
        model.addAttribute("days", days.reversed());
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("target", properties.reading().criticalSignedTarget());
        return "ecg/turnaround";
    }

    private static LocalDate date(String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("not a date (yyyy-mm-dd): " + value);
        }
    }
}
