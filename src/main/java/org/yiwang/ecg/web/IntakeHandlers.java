package org.yiwang.ecg.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.EcgIntakeException;
import org.yiwang.ecg.EcgUploadState;
import org.yiwang.ecg.EcgUploads;

/**
 * The resumable-upload protocol over HTTP, once for both doors: the device-gateway API under {@code /api/ecg}
 * (bearer token) and the upload page's endpoints under {@code /ecg} (session and CSRF).
 */
@Component
class IntakeHandlers {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d{1,15})-(\\d{1,15})/(\\d{1,15})");

    private final EcgUploads uploads;

    IntakeHandlers(EcgUploads uploads) {
        this.uploads = uploads;
    }

    ResponseEntity<Map<String, Object>> open(IntakeJson.UploadRequest request, String idempotencyKey, String base) {
        if (request == null) {
            throw new EcgIntakeException(400, "NO_FILES", "ecg.intake.problem.NO_FILES", "files",
                    "send the upload's metadata as JSON");
        }
        EcgUploads.Opened opened = uploads.open(request.toUpload(), idempotencyKey);
        Map<String, Object> body = json(opened.state(), base);
        return opened.created()
                ? ResponseEntity.created(URI.create(base + "/uploads/" + opened.state().id())).body(body)
                : ResponseEntity.ok(body);
    }

    ResponseEntity<Map<String, Object>> state(UUID id, String base) {
        return ResponseEntity.ok(json(uploads.state(id), base));
    }

    ResponseEntity<Void> putChunk(UUID id, String name, String contentRange, HttpServletRequest request)
            throws IOException {
        if (contentRange == null) {
            throw new EcgIntakeException(400, "RANGE_REQUIRED", "ecg.intake.problem.RANGE_REQUIRED", "files",
                    "send the chunk's position as 'Content-Range: bytes first-last/total'");
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
        if (!m.matches()) {
            throw new EcgIntakeException(400, "RANGE_REQUIRED", "ecg.intake.problem.RANGE_REQUIRED", "files",
                    "Content-Range '" + contentRange + "' is not of the form 'bytes first-last/total'");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (last < first) {
            throw new EcgIntakeException(416, "RANGE_NOT_SATISFIABLE", "ecg.intake.problem.RANGE_NOT_SATISFIABLE",
                    "files", "Content-Range ends before it starts", first, last, name, total);
        }
        uploads.checkChunkLength(last - first + 1);
        long declared = request.getContentLengthLong();
        if (declared > 0) {
            uploads.checkChunkLength(declared);
        }
        byte[] body = readAtMost(request.getInputStream(), uploads.properties().maxChunkSize().toBytes());
        uploads.putChunk(id, name, first, last, total, body);
        return ResponseEntity.noContent().build();
    }

    ResponseEntity<Map<String, Object>> complete(UUID id, String base) {
        EcgUploads.Completed completed = uploads.complete(id);
        return completed(completed, base);
    }

    static ResponseEntity<Map<String, Object>> completed(EcgUploads.Completed completed, String base) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordingId", completed.recordingId());
        body.put("recordingUrl", base + "/recordings/" + completed.recordingId());
        body.put("created", completed.created());
        return ResponseEntity.status(completed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create(base + "/recordings/" + completed.recordingId())).body(body);
    }

    private Map<String, Object> json(EcgUploadState state, String base) {
        return IntakeJson.upload(state, base, uploads.properties().chunkSize().toBytes(),
                uploads.properties().maxChunkSize().toBytes());
    }

    /** The body, refused with 413 when longer than {@code max} (never more than max + 1 bytes held). */
    private byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        uploads.checkChunkLength(body.length);
        return body;
    }
}
