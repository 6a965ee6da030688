package org.yiwang.ecg;

import java.time.Instant;
import java.util.List;

/**
 * What a client says about an upload before sending its files. The resident is named by master-index id or by
 * resident ID-card number (one of the two).
 *
 * @param acquiredAt when the device recorded it; null: taken from the file
 * @param files      the files to come, with sizes and optional SHA-256 (hex)
 */
public record NewEcgUpload(Long residentId, String idNumber, EcgKind kind, Instant acquiredAt, String indication,
        List<ExpectedFile> files) {

    public NewEcgUpload {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A file to come: its name, exact size in bytes and, optionally, its SHA-256 in hex. */
    public record ExpectedFile(String name, long size, String sha256) {
    }
}
