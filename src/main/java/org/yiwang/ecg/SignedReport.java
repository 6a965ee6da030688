package org.yiwang.ecg;

import java.time.Instant;
import java.util.List;

/**
 * A signed ECG report, one version of it: never changed once signed; an amendment is a new version that supersedes
 * it, with a reason.
 *
 * @param statements      the statements as signed (catalogue code or {@code null} for the reader's own words, text)
 * @param signedBy        account of the reader
 * @param practitionerId  the reader's practitioner in the registry, if the account has one
 * @param fileHashes      the recording's original files as signed, {@code name=sha256} per line
 * @param algorithm       signature algorithm (SM3withSM2 or SHA256withECDSA)
 * @param supersedesId    the version this one amends, null for the first
 * @param supersededById  the version that amends this one, null for the current one
 * @param recordEntryId   the DIAGNOSTIC_REPORT entry of the shared record
 */
public record SignedReport(long id, long recordingId, int version, List<Statement> statements, Integer heartRateBpm,
        Integer prMs, Integer qrsMs, Integer qtMs, Integer qtcMs, String conclusion, boolean critical, long signedBy,
        String signerName, Long practitionerId, long readingCentreId, Instant signedAt, String fileHashes,
        String algorithm, Long supersedesId, String amendmentReason, Long supersededById, Long recordEntryId) {

    public SignedReport {
        statements = List.copyOf(statements);
    }

    public boolean current() {
        return supersededById == null;
    }

    /** One statement: its catalogue code (null for free text) and its text as signed. */
    public record Statement(String code, String text) {
    }
}
