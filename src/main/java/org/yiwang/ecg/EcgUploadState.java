package org.yiwang.ecg;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a resumable upload stands: per file, the byte ranges received so far (inclusive, as in Content-Range), so
 * that a client resumes after a dropped connection by sending only what is missing.
 *
 * @param recordingId the stored recording once completed, else null
 */
public record EcgUploadState(UUID id, long organisationId, long residentId, EcgKind kind, Instant acquiredAt,
        String indication, Instant createdAt, Instant expiresAt, List<FileState> files, Long recordingId) {

    public EcgUploadState {
        files = List.copyOf(files);
    }

    public boolean completed() {
        return recordingId != null;
    }

    /** @param received inclusive ranges {@code [first, last]}, ascending and merged */
    public record FileState(String name, long size, String sha256, List<ByteRange> received) {

        public FileState {
            received = List.copyOf(received);
        }

        public long receivedBytes() {
            return received.stream().mapToLong(r -> r.last() - r.first() + 1).sum();
        }

        public boolean complete() {
            return receivedBytes() == size;
        }
    }

    public record ByteRange(long first, long last) {
    }
}
