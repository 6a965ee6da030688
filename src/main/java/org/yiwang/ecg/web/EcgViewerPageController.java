package org.yiwang.ecg.web;

import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.yiwang.ecg.EcgRecordingNotFoundException;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.mpi.Residents;

/**
 * The full-screen viewer of one recording ({@code /ecg/recordings/{id}/view}) for anyone the façade lets see it: the
 * uploading clinic, the reading centre, and those with access to the resident's shared record. Without access the
 * records module's refusal page answers 403 (with the emergency override where it applies).
 */
@Controller
class EcgViewerPageController {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EcgRecordings recordings;
    private final Residents residents;

    EcgViewerPageController(EcgRecordings recordings, Residents residents) {
        this.recordings = recordings;
        this.residents = residents;
    }

    @GetMapping("/ecg/recordings/{id}/view")
    String view(@PathVariable long id, Model model) {
        EcgRecordingSummary recording = recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
        model.addAttribute("recording", recording);
        model.addAttribute("resident", residents.findById(recording.residentId(), "view ECG").orElse(null));
        model.addAttribute("acquiredAt", recording.acquiredAt().atZone(CHINA));
        model.addAttribute("duration", duration(recording.durationSeconds()));
        return "ecg/recording-view";
    }

    /** 10 → "10 s", 125.5 → "2:05", 7384 → "2:03:04". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        return s >= 3600 ? "%d:%02d:%02d".formatted(s / 3600, s % 3600 / 60, s % 60) : "%d:%02d".formatted(s / 60, s % 60);
    }
}
