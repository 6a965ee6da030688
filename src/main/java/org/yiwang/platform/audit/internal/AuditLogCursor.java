package org.yiwang.platform.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Keyset position in the newest-first listing: (occurred_at, id) of the last entry shown. */
record AuditLogCursor(Instant occurredAt, long id) {

    /** Compact URL form: epoch microseconds and id. */
    String token() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "_" + id;
    }

    static Optional<AuditLogCursor> parse(String token) {
        int separator = token.indexOf('_');
        if (separator < 1) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(token.substring(0, separator));
            long id = Long.parseLong(token.substring(separator + 1));
            return Optional.of(new AuditLogCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
