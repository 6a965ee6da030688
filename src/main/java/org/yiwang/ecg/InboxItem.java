package org.yiwang.ecg;

import java.time.Instant;

/**
 * A recording on its clinic's inbox: where it is, and the current signed report once there is one.
 *
 * @param critical   the pre-analysis marked it critical
 * @param report     the current signed report, null before signing
 * @param version    changes with every step, so a live page can tell whether it is current
 */
public record InboxItem(long recordingId, long residentId, EcgKind kind, String indication, Instant acquiredAt,
        Instant uploadedAt, EcgStatus status, boolean critical, String claimedByName, Instant claimedAt,
        Instant signedAt, Instant acknowledgedAt, String acknowledgedByName, SignedReport report, long version) {

    /** A signed critical report nobody at the clinic has acknowledged yet: the alarm is on. */
    public boolean alarm() {
        return report != null && report.critical() && acknowledgedAt == null;
    }
}
