package org.yiwang.ecg;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * A recording to store.
 *
 * @param residentId     the resident in the master index
 * @param organisationId the uploading clinic; must be the organisation the current actor acts for (system jobs name it)
 * @param kind           resting 12-lead, rhythm strip or long recording
 * @param sourceFormat   the file format it arrived in (WFDB, AECG, FHIR, CSV, SYNTHETIC …)
 * @param acquiredAt     when the device recorded it
 * @param indication     the clinical question (胸痛 …), optional
 * @param idempotencyKey the sender's key: a retry with the same key returns the first recording, optional
 * @param samples        the decoded samples
 * @param files          the files as received, kept byte for byte
 */
public record NewEcgRecording(long residentId, long organisationId, EcgKind kind, String sourceFormat,
        Instant acquiredAt, String indication, String idempotencyKey, EcgRecording samples,
        List<OriginalFile> files) {

    public NewEcgRecording {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(samples, "samples");
        files = List.copyOf(files);
    }

    /** A file exactly as it was received. */
    public record OriginalFile(String name, String mediaType, byte[] content) {

        public OriginalFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }
}
