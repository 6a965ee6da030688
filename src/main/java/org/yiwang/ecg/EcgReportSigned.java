package org.yiwang.ecg;

import java.time.Instant;

/**
 * A reader signed an ECG report (a first version, or an amendment that supersedes the previous one).
 *
 * @param organisationId  the uploading clinic, where the report returns to
 * @param critical        a critical value (危急值): the clinic is alarmed, the chest-pain green channel offered
 * @param recordEntryId   the DIAGNOSTIC_REPORT entry in the shared record
 */
public record EcgReportSigned(long reportId, long recordingId, int version, long residentId, long organisationId,
        long readingCentreId, boolean critical, Instant uploadedAt, Instant signedAt, Long supersedesReportId,
        long recordEntryId) {
}
