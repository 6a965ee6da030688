package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.yiwang.ecg.EcgProperties;
import org.yiwang.ecg.EcgRecordingNotFoundException;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * A recording's page (resident, clinic, times, status, pre-analysis, signal, report) for the uploading clinic, the
 * reading centre and whoever may read the resident's record; the original files for download; and the clinic's list
 * of its uploads.
 */
@Controller
class EcgRecordingController {

    static final int PAGE_SIZE = 20;
    private static final String PURPOSE = "care: ECG recording";

    private final EcgRecordings recordings;
    private final Residents residents;
    private final Organisations organisations;
    private final EcgProperties properties;

    EcgRecordingController(EcgRecordings recordings, Residents residents, Organisations organisations,
                           EcgProperties properties) {
        this.recordings = recordings;
        this.residents = residents;
        this.organisations = organisations;
        this.properties = properties;
    }

    @GetMapping("/ecg/recordings/{id}")
    @PreAuthorize("hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER')")
    String recording(@PathVariable long id, Model model, Locale locale) {
        String version = recordings.pageVersion(id); // before the read: a change in between shows at the next poll
        EcgRecordingSummary recording = recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
        liveModel(model, recording, version);
        model.addAttribute("resident", residents.findById(recording.residentId(), PURPOSE).orElse(null));
        Map<Long, String> names = organisations.findAllById(List.of(recording.organisationId(),
                        recording.readingCentreId())).stream()
                .collect(Collectors.toMap(OrganisationSummary::id, o -> o.name(locale), (a, b) -> a));
        model.addAttribute("clinicName", names.get(recording.organisationId()));
        model.addAttribute("centreName", names.get(recording.readingCentreId()));
        model.addAttribute("files", recordings.originalFiles(id));
        return "ecg/recording";
    }

    /**
     * The page's poll: 204 while the recording's version is {@code v}, else the poller with the state, the
     * pre-analysis and the report to swap in (see templates/ecg/recording-live.html).
     */
    @GetMapping("/ecg/recordings/{id}/live")
    @PreAuthorize("hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER')")
    String live(@PathVariable long id, @RequestParam(defaultValue = "") String v, Model model,
                HttpServletResponse response) {
        String version = recordings.pageVersion(id);
        if (version.equals(v)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        EcgRecordingSummary recording = recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
        liveModel(model, recording, version);
        return "ecg/recording-live";
    }

    private void liveModel(Model model, EcgRecordingSummary recording, String version) {
        model.addAttribute("recording", recording);
        model.addAttribute("version", version);
        model.addAttribute("pollSeconds", Math.max(1, properties.reading().livePoll().toSeconds()));
        // once signed the page still asks, less often: an amendment or the acknowledgement shows without a reload
        model.addAttribute("signedPollSeconds", Math.max(1, properties.reading().signedPoll().toSeconds()));
    }

    @GetMapping("/ecg/recordings/{id}/files/{name}")
    @PreAuthorize("hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR','ECG_READER')")
    ResponseEntity<StreamingResponseBody> file(@PathVariable long id, @PathVariable String name) {
        EcgRecordings.OriginalFileStream file = recordings.openOriginalFile(id, name).orElseThrow(() ->
                new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "no file " + name));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .body(out -> file.writer().writeTo(out));
    }

    @GetMapping("/ecg/clinic/uploads")
    @PreAuthorize("hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR')")
    String clinicUploads(@RequestParam(required = false) String before, @RequestParam(defaultValue = "0") long beforeId,
                         Model model) {
        Instant cursor = null;
        if (before != null && !before.isBlank()) {
            try {
                cursor = Instant.parse(before);
            } catch (DateTimeParseException e) {
                throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                        "'before' is not an ISO instant");
            }
        }
        List<EcgRecordingSummary> page = recordings.forClinic(cursor, beforeId, PAGE_SIZE + 1);
        boolean more = page.size() > PAGE_SIZE;
        List<EcgRecordingSummary> shown = more ? page.subList(0, PAGE_SIZE) : page;
        Map<Long, ResidentSummary> people = residents.findAllById(
                shown.stream().map(EcgRecordingSummary::residentId).distinct().toList(), PURPOSE);
        model.addAttribute("recordings", shown);
        model.addAttribute("people", people);
        if (more) {
            model.addAttribute("nextBefore", shown.getLast().uploadedAt().toString());
            model.addAttribute("nextBeforeId", shown.getLast().id());
        }
        model.addAttribute("paged", cursor != null);
        return "ecg/clinic-uploads";
    }
}
