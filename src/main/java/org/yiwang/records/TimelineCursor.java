package org.yiwang.records;

import java.time.Instant;

/**
 * Where a timeline page ended: the time and id of its last entry. Keyset paging keeps every page as cheap as the
 * first, however long the record.
 */
public record TimelineCursor(Instant effectiveAt, long id) {

    /** A compact text form for links ({@code <epoch-micros>_<id>}). */
    public String token() {
        return (effectiveAt.getEpochSecond() * 1_000_000 + effectiveAt.getNano() / 1_000) + "_" + id;
    }

    /** @throws IllegalArgumentException if {@code token} was not made by {@link #token()} */
    public static TimelineCursor parse(String token) {
        int sep = token == null ? -1 : token.indexOf('_');
        if (sep < 1) {
            throw new IllegalArgumentException("not a timeline cursor: " + token);
        }
        try {
            long micros = Long.parseLong(token.substring(0, sep));
            long id = Long.parseLong(token.substring(sep + 1));
            return new TimelineCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1_000L), id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a timeline cursor: " + token, e);
        }
    }
}
