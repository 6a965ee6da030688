package org.yiwang.platform.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Unambiguous byte encoding of a sequence of fields for MAC input: each field is a presence byte
 * (0 = null, 1 = present) followed by a 4-byte big-endian length and the bytes, so that neither field
 * boundaries nor null-versus-empty can be shifted without changing the result.
 */
final class CanonicalEncoding {

    /** Microseconds, as PostgreSQL stores timestamptz; always six digits and UTC. */
    static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Starts with a domain tag so that different kinds of MAC input never collide. */
    CanonicalEncoding(String domain) {
        text(domain);
    }

    CanonicalEncoding text(String value) {
        return value == null ? absent() : present(value.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalEncoding number(Long value) {
        return value == null ? absent() : text(Long.toString(value));
    }

    CanonicalEncoding instant(Instant value) {
        return value == null ? absent() : text(INSTANT_FORMAT.format(value));
    }

    CanonicalEncoding bytes(byte[] value) {
        return value == null ? absent() : present(value);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private CanonicalEncoding absent() {
        out.write(0);
        return this;
    }

    private CanonicalEncoding present(byte[] value) {
        out.write(1);
        int length = value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(value);
        return this;
    }
}
