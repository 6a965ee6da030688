package org.yiwang.ecg;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The exact bytes a reader's signature covers: a versioned, line-based UTF-8 text of the report and of the recording
 * it reads (who, when, which files by SHA-256). Built from the stored values each time a signature is checked, so any
 * change to a stored value, or to a file, breaks the signature. Every value is escaped so that no text can forge a
 * line of its own.
 */
final class ReportCanonicalForm {

    static final String FORMAT = "yiwang-ecg-report/1";

    private ReportCanonicalForm() {
    }

    /** The report as signed. {@code fileHashes} is {@code name=sha256hex} per line, by name. */
    static byte[] of(long recordingId, long residentId, long organisationId, long readingCentreId, Instant acquiredAt,
                     String fileHashes, int version, List<SignedReport.Statement> statements, Integer heartRateBpm,
                     Integer prMs, Integer qrsMs, Integer qtMs, Integer qtcMs, String conclusion, boolean critical,
                     long signedBy, String signerName, Instant signedAt, Long supersedesId, String amendmentReason) {
        StringBuilder out = new StringBuilder();
        line(out, "format", FORMAT);
        line(out, "recording", Long.toString(recordingId));
        line(out, "resident", Long.toString(residentId));
        line(out, "clinic", Long.toString(organisationId));
        line(out, "reading-centre", Long.toString(readingCentreId));
        line(out, "acquired-at", acquiredAt.toString());
        for (String file : fileHashes.lines().filter(l -> !l.isBlank()).toList()) {
            line(out, "file", file);
        }
        line(out, "version", Integer.toString(version));
        for (SignedReport.Statement s : statements) {
            line(out, "statement", (s.code() == null ? "" : s.code()) + "|" + escape(s.text()));
        }
        line(out, "heart-rate-bpm", number(heartRateBpm));
        line(out, "pr-ms", number(prMs));
        line(out, "qrs-ms", number(qrsMs));
        line(out, "qt-ms", number(qtMs));
        line(out, "qtc-ms", number(qtcMs));
        line(out, "conclusion", conclusion);
        line(out, "critical", Boolean.toString(critical));
        line(out, "signed-by", Long.toString(signedBy));
        line(out, "signer-name", signerName);
        line(out, "signed-at", signedAt.toString());
        line(out, "supersedes", supersedesId == null ? "" : supersedesId.toString());
        line(out, "amendment-reason", amendmentReason == null ? "" : amendmentReason);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(escape(value)).append('\n');
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    /** Backslash, line breaks and the separator escaped: one value is one line, whatever it holds. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '|' -> out.append("\\|");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
