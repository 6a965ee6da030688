package org.yiwang.records;

import java.time.Instant;
import java.util.Set;

/**
 * Which entries of a resident's record to list, newest first.
 *
 * @param kinds           only these kinds; empty for all
 * @param from            only entries at or after this time, or null
 * @param to              only entries before this time, or null
 * @param organisationIds only entries from these organisations; empty for all
 * @param after           the cursor of the last entry of the previous page, or null for the first page
 * @param limit           entries per page; 0 for the configured default, capped at the configured maximum
 */
public record TimelineQuery(Set<EntryKind> kinds, Instant from, Instant to, Set<Long> organisationIds,
                            TimelineCursor after, int limit) {

    public TimelineQuery {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        organisationIds = organisationIds == null ? Set.of() : Set.copyOf(organisationIds);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** The first page of everything. */
    public static TimelineQuery all() {
        return new TimelineQuery(Set.of(), null, null, Set.of(), null, 0);
    }

    public TimelineQuery next(TimelineCursor cursor) {
        return new TimelineQuery(kinds, from, to, organisationIds, cursor, limit);
    }
}
