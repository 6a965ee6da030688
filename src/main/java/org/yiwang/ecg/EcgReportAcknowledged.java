package org.yiwang.ecg;

import java.time.Instant;

/** A clinician of the uploading clinic confirmed receipt of a signed report (and ended its alarm if critical). */
public record EcgReportAcknowledged(long recordingId, long reportId, long residentId, long organisationId,
        boolean critical, Instant acknowledgedAt, long acknowledgedBy) {
}
