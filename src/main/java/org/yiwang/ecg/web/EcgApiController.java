package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.ecg.EcgRecordingNotFoundException;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.EcgUploads;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.platform.web.ClientLanguage;

/**
 * The device-gateway API (token of the uploading organisation): resumable uploads, the one-shot upload for small
 * resting ECGs, and a recording's status with its pre-analysis.
 */
@RestController
@RequestMapping(EcgApiController.BASE)
class EcgApiController {

    static final String BASE = "/api/ecg";

    private final IntakeHandlers handlers;
    private final EcgUploads uploads;
    private final EcgRecordings recordings;
    private final MessageSource messages;

    EcgApiController(IntakeHandlers handlers, EcgUploads uploads, EcgRecordings recordings, MessageSource messages) {
        this.handlers = handlers;
        this.uploads = uploads;
        this.recordings = recordings;
        this.messages = messages;
    }

    @PostMapping(path = "/uploads", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> open(@RequestBody IntakeJson.UploadRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return handlers.open(request, idempotencyKey, BASE);
    }

    @GetMapping("/uploads/{id}")
    ResponseEntity<Map<String, Object>> state(@PathVariable UUID id) {
        return handlers.state(id, BASE);
    }

    @PutMapping("/uploads/{id}/files/{name}")
    ResponseEntity<Void> putChunk(@PathVariable UUID id, @PathVariable String name,
            @RequestHeader(name = "Content-Range", required = false) String contentRange, HttpServletRequest request)
            throws IOException {
        return handlers.putChunk(id, name, contentRange, request);
    }

    @PostMapping("/uploads/{id}/complete")
    ResponseEntity<Map<String, Object>> complete(@PathVariable UUID id) {
        return handlers.complete(id, BASE);
    }

    /** Small recordings in one request: a {@code metadata} JSON part and the {@code files}. */
    @PostMapping(path = "/recordings", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> oneShot(@RequestPart("metadata") IntakeJson.UploadRequest metadata,
            @RequestPart(name = "files", required = false) List<MultipartFile> files,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        List<EcgFile> read = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            read.add(new EcgFile(file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename(),
                    file.getBytes()));
        }
        return IntakeHandlers.completed(uploads.storeOneShot(metadata.toUpload(), read, idempotencyKey), BASE);
    }

    @GetMapping("/recordings/{id}")
    Map<String, Object> recording(@PathVariable long id,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        return IntakeJson.recording(recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id)),
                messages, ClientLanguage.of(language));
    }
}
