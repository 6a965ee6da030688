package org.yiwang.platform.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a resident's access log ("who viewed my record"): a read or write of their health data by someone
 * other than themselves. No login names: the resident sees the organisation, role, purpose, action and time.
 *
 * @param id audit entry id
 * @param occurredAt when (UTC; show in Asia/Shanghai)
 * @param write true for a change, false for a read
 * @param action e.g. {@code VIEW_RECORD}; {@code BREAK_GLASS} for an emergency override, which a page highlights
 * @param actorRole role the actor acted in (a {@link org.yiwang.platform.security.Role} name), null for system jobs
 * @param actorKind STAFF, RESIDENT (a guardian or an authorised family member) or API_CLIENT; null for system jobs
 * @param organisationId organisation the actor acted for, if any
 * @param residentId which of the asked-for resident ids the entry is about
 * @param objectType kind of object touched
 * @param purpose why, as the caller stated it
 */
public record ResidentAccess(
        long id,
        Instant occurredAt,
        boolean write,
        String action,
        String actorRole,
        String actorKind,
        Long organisationId,
        long residentId,
        String objectType,
        String purpose) {

    /** The action name of an emergency override (break-glass) access. */
    public static final String BREAK_GLASS = "BREAK_GLASS";

    public boolean breakGlass() {
        return BREAK_GLASS.equals(action);
    }

    public Cursor cursor() {
        return new Cursor(occurredAt, id);
    }

    /** Keyset position in the newest-first log: (occurred_at, id) of the last entry shown. */
    public record Cursor(Instant occurredAt, long id) {

        /** Compact URL form: epoch microseconds and id. */
        public String token() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "_" + id;
        }

        /** Empty for anything that is not a token of {@link #token()}. */
        public static Optional<Cursor> parse(String token) {
            if (token == null) {
                return Optional.empty();
            }
            int separator = token.indexOf('_');
            if (separator < 1) {
                return Optional.empty();
            }
            try {
                long micros = Long.parseLong(token.substring(0, separator));
                long id = Long.parseLong(token.substring(separator + 1));
                return Optional.of(new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }
    }

    /** One page, newest first; {@code next} is where the following page starts, empty on the last page. */
    public record Page(List<ResidentAccess> entries, Optional<Cursor> next) {

        public Page {
            entries = List.copyOf(entries);
        }
    }
}
