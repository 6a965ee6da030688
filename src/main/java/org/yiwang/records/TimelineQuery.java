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
 * @param codes           only entries with one of these codes, each {@code system|code} ({@code |code}: any
 *                        system); empty for all
 * @param category        only entries of this category (case-insensitive), or null
 */
public record TimelineQuery(Set<EntryKind> kinds, Instant from, Instant to, Set<Long> organisationIds,
                            TimelineCursor after, int limit, Set<String> codes, String category) {

    public TimelineQuery {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        organisationIds = organisationIds == null ? Set.of() : Set.copyOf(organisationIds);
        codes = codes == null ? Set.of() : Set.copyOf(codes);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        for (String code : codes) {
            if (code.indexOf('|') < 0 || code.endsWith("|")) {
                throw new IllegalArgumentException("a code filter is system|code or |code, not '" + code + "'");
            }
        }
    }

    /** Without code or category filter. */
    public TimelineQuery(Set<EntryKind> kinds, Instant from, Instant to, Set<Long> organisationIds,
                         TimelineCursor after, int limit) {
        this(kinds, from, to, organisationIds, after, limit, Set.of(), null);
    }

    /** The first page of everything. */
    public static TimelineQuery all() {
        return new TimelineQuery(Set.of(), null, null, Set.of(), null, 0);
    }

    public TimelineQuery next(TimelineCursor cursor) {
        return new TimelineQuery(kinds, from, to, organisationIds, cursor, limit, codes, category);
    }
}
