package org.yiwang.ecg;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the next page of a worklist starts: after this entry in the order critical first, then waiting longest.
 */
public record WorklistCursor(boolean critical, Instant uploadedAt, long recordingId) {

    public WorklistCursor {
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** {@code c:uploadedEpochMicros:id} for a link; see {@link #parse}. */
    public String token() {
        long micros = uploadedAt.getEpochSecond() * 1_000_000 + uploadedAt.getNano() / 1_000;
        return (critical ? "c" : "n") + ":" + micros + ":" + recordingId;
    }

    /** The cursor of {@link #token()}; null for a blank token. */
    public static WorklistCursor parse(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String[] parts = token.split(":");
        try {
            if (parts.length != 3 || !(parts[0].equals("c") || parts[0].equals("n"))) {
                throw new NumberFormatException();
            }
            long micros = Long.parseLong(parts[1]);
            return new WorklistCursor(parts[0].equals("c"),
                    Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
                    Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new org.yiwang.platform.web.InvalidInputException("not a worklist position: " + token);
        }
    }
}
