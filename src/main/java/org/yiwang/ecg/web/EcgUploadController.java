package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgUploads;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.Residents;

/**
 * The upload page for township and village clinic staff: choose the resident, the kind, the time and the indication,
 * drop the files; the page's script sends them through the same resumable protocol as device gateways, at
 * {@code /ecg/uploads/...} with the session and its CSRF token.
 */
@Controller
@RequestMapping(EcgUploadController.PATH)
@PreAuthorize("hasAnyRole('DOCTOR','NURSE','FAMILY_DOCTOR')")
class EcgUploadController {

    static final String PATH = "/ecg/uploads";
    static final String BASE = "/ecg";
    private static final String PURPOSE = "care: ECG upload";

    private final IntakeHandlers handlers;
    private final EcgUploads uploads;
    private final ResidentDirectory directory;
    private final Residents residents;

    EcgUploadController(IntakeHandlers handlers, EcgUploads uploads, ResidentDirectory directory, Residents residents) {
        this.handlers = handlers;
        this.uploads = uploads;
        this.directory = directory;
        this.residents = residents;
    }

    @GetMapping("/new")
    String form(@RequestParam(required = false) Long residentId, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "") String birthDate, Model model) {
        model.addAttribute("kinds", EcgKind.values());
        model.addAttribute("q", q);
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("chunkSize", uploads.properties().chunkSize().toBytes());
        if (residentId != null) {
            residents.findById(residentId, PURPOSE).filter(r -> !r.voided())
                    .ifPresentOrElse(r -> model.addAttribute("resident", r),
                            () -> model.addAttribute("residentUnknown", true));
        }
        if (!q.isBlank() || !birthDate.isBlank()) {
            LocalDate date = null;
            if (!birthDate.isBlank()) {
                try {
                    date = LocalDate.parse(birthDate.strip());
                } catch (DateTimeParseException e) {
                    model.addAttribute("birthDateInvalid", true);
                }
            }
            if (!model.containsAttribute("birthDateInvalid")) {
                model.addAttribute("results", directory.search(q, date, 0, PURPOSE));
            }
        }
        return "ecg/upload";
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> open(@RequestBody IntakeJson.UploadRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return handlers.open(request, idempotencyKey, BASE);
    }

    @GetMapping("/{id}")
    @ResponseBody
    ResponseEntity<Map<String, Object>> state(@PathVariable UUID id) {
        return handlers.state(id, BASE);
    }

    @PutMapping("/{id}/files/{name}")
    @ResponseBody
    ResponseEntity<Void> putChunk(@PathVariable UUID id, @PathVariable String name,
            @RequestHeader(name = "Content-Range", required = false) String contentRange, HttpServletRequest request)
            throws IOException {
        return handlers.putChunk(id, name, contentRange, request);
    }

    @PostMapping("/{id}/complete")
    @ResponseBody
    ResponseEntity<Map<String, Object>> complete(@PathVariable UUID id) {
        return handlers.complete(id, BASE);
    }
}
