package org.yiwang.ecg.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.yiwang.ecg.EcgIntakeException;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgPreAnalysis;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgUploadState;
import org.yiwang.ecg.NewEcgUpload;

/** The intake API's JSON shapes, shared by the device-gateway API and the upload page's endpoints. */
final class IntakeJson {

    /** China Standard Time: a local acquisition time without offset is read in it. */
    static final ZoneOffset LOCAL = ZoneOffset.ofHours(8);

    private IntakeJson() {
    }

    /** The metadata of an upload as sent. */
    record UploadRequest(Long residentId, String idNumber, String kind, String acquiredAt, String indication,
                         List<NewEcgUpload.ExpectedFile> files) {

        NewEcgUpload toUpload() {
            return new NewEcgUpload(residentId, idNumber, IntakeJson.kind(kind), instant(acquiredAt), indication, files);
        }
    }

    static EcgKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return EcgKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EcgIntakeException(400, "BAD_KIND", "ecg.intake.problem.BAD_KIND", "kind", "kind '" + kind
                    + "' is none of RESTING_12_LEAD, RHYTHM_STRIP, LONG_TERM", kind);
        }
    }

    /** An ISO instant, a date-time with offset, or a local date-time (China Standard Time); null when blank. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(LOCAL);
            } catch (DateTimeParseException e) {
                throw new EcgIntakeException(400, "BAD_ACQUISITION_TIME", "ecg.intake.problem.BAD_ACQUISITION_TIME",
                        "acquiredAt", "acquisition time '" + t + "' is not an ISO 8601 date-time", t);
            }
        }
    }

    /** The upload as answered: files with the ranges received and where to send them. */
    static Map<String, Object> upload(EcgUploadState state, String base, long chunkSize, long maxChunkSize) {
        Map<String, Object> out = new LinkedHashMap<>();
        String self = base + "/uploads/" + state.id();
        out.put("id", state.id().toString());
        out.put("status", state.completed() ? "COMPLETED" : "OPEN");
        out.put("residentId", state.residentId());
        out.put("kind", state.kind().name());
        out.put("acquiredAt", state.acquiredAt());
        out.put("indication", state.indication());
        out.put("createdAt", state.createdAt());
        out.put("expiresAt", state.expiresAt());
        out.put("chunkSize", chunkSize);
        out.put("maxChunkSize", maxChunkSize);
        List<Map<String, Object>> files = new ArrayList<>();
        for (EcgUploadState.FileState f : state.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.name());
            file.put("size", f.size());
            file.put("sha256", f.sha256());
            file.put("received", f.received().stream().map(r -> List.of(r.first(), r.last())).toList());
            file.put("receivedBytes", f.receivedBytes());
            file.put("complete", f.complete());
            file.put("url", self + "/files/" + org.springframework.web.util.UriUtils.encodePathSegment(f.name(),
                    java.nio.charset.StandardCharsets.UTF_8));
            files.add(file);
        }
        out.put("files", files);
        out.put("url", self);
        out.put("completeUrl", self + "/complete");
        if (state.recordingId() != null) {
            out.put("recordingId", state.recordingId());
            out.put("recordingUrl", base + "/recordings/" + state.recordingId());
        }
        return out;
    }

    /** A recording's status, its pre-analysis in the client's language, and (once signed) its report. */
    static Map<String, Object> recording(EcgRecordingSummary r, MessageSource messages, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("status", r.status().name());
        out.put("critical", r.critical());
        out.put("residentId", r.residentId());
        out.put("organisationId", r.organisationId());
        out.put("readingCentreId", r.readingCentreId());
        out.put("kind", r.kind().name());
        out.put("sourceFormat", r.sourceFormat());
        out.put("acquiredAt", r.acquiredAt());
        out.put("uploadedAt", r.uploadedAt());
        out.put("analysedAt", r.analysedAt());
        out.put("samplingRateHz", r.samplingRateHz());
        out.put("leads", r.leadNames());
        out.put("durationSeconds", r.durationSeconds());
        out.put("indication", r.indication());
        out.put("preAnalysis", r.analysis().map(a -> analysis(a, messages, locale)).orElse(null));
        out.put("report", null); // filled by the reading worklist once a reader signs
        return out;
    }

    private static Map<String, Object> analysis(EcgPreAnalysis a, MessageSource messages, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("critical", a.critical());
        out.put("heartRateBpm", a.heartRateBpm());
        out.put("rhythm", a.rhythm());
        out.put("rhythmText", messages.getMessage("ecg.intake.rhythm." + a.rhythm(), null, a.rhythm(), locale));
        out.put("beatCount", a.beatCount());
        out.put("ventricularBeats", a.ventricularBeats());
        out.put("supraventricularBeats", a.supraventricularBeats());
        out.put("holter", a.holter());
        out.put("findings", a.findings().stream().map(f -> {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("code", f.code());
            finding.put("text", messages.getMessage("ecg.intake.finding." + f.code(), null, f.code(), locale));
            finding.put("confidence", f.confidence());
            finding.put("tentative", f.tentative());
            finding.put("critical", f.critical());
            finding.put("detail", f.detail());
            finding.put("atSeconds", f.atSeconds());
            return finding;
        }).toList());
        out.put("intervals", a.intervals());
        out.put("stElevatedLeads", a.stElevatedLeads());
        out.put("leadQuality", a.leadQuality());
        return out;
    }
}
