package org.yiwang.ecg;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A recording as the reading centre's worklist shows it.
 *
 * @param organisationId the uploading clinic
 * @param critical       the pre-analysis marked it critical (危急值 suspected): it goes to the top of the queue
 * @param analysis       the pre-analysis, empty while it runs
 * @param claimedBy      account of the reader holding it, null when unread
 * @param version        changes with every step, so a live page can tell whether it is current
 */
public record WorklistItem(long recordingId, long residentId, long organisationId, EcgKind kind, String indication,
        Instant acquiredAt, Instant uploadedAt, Instant analysedAt, EcgStatus status, boolean critical,
        Optional<EcgPreAnalysis> analysis, Long claimedBy, String claimedByName, Instant claimedAt, long version) {

    /** How long it has waited since the upload, at {@code now}. */
    public Duration waiting(Instant now) {
        Duration d = Duration.between(uploadedAt, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
