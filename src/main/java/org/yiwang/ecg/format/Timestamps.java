package org.yiwang.ecg.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Acquisition times in HL7 v3 TS ({@code 20260301100304.500+0800}) and FHIR dateTime (ISO 8601) notation. */
final class Timestamps {

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,9}))?(?:([+-])(\\d{2})(\\d{2}))?");

    private Timestamps() {
    }

    /** An HL7 v3 TS value; without offset it is local time in {@code zone}. */
    static Instant parseHl7(String value, String file, ZoneId zone) throws EcgFormatException {
        Matcher m = TS.matcher(value.strip());
        if (!m.matches()) {
            throw bad(file, value);
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2), 1),
                    number(m.group(3), 1), number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0),
                    m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9)));
            if (m.group(8) == null) {
                return local.atZone(zone).toInstant();
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(9)),
                    sign * Integer.parseInt(m.group(10)));
            return local.atOffset(offset).toInstant();
        } catch (java.time.DateTimeException e) {
            throw bad(file, value);
        }
    }

    /** HL7 v3 TS with millisecond precision and the offset of {@code zone}. */
    static String formatHl7(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSxx", Locale.ROOT).format(instant.atZone(zone));
    }

    /** A FHIR dateTime: full date-time with offset, or a local date-time, date, year-month or year. */
    static Instant parseFhir(String value, String file, ZoneId zone) throws EcgFormatException {
        String v = value.strip();
        try {
            if (v.length() > 10) {
                try {
                    return OffsetDateTime.parse(v).toInstant();
                } catch (DateTimeParseException e) {
                    return LocalDateTime.parse(v).atZone(zone).toInstant();
                }
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            }
            if (v.length() == 7) {
                return LocalDate.parse(v + "-01").atStartOfDay(zone).toInstant();
            }
            if (v.length() == 4) {
                return LocalDate.of(Integer.parseInt(v), 1, 1).atStartOfDay(zone).toInstant();
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad(file, value);
        }
        throw bad(file, value);
    }

    private static int number(String group, int absent) {
        return group == null ? absent : Integer.parseInt(group);
    }

    private static EcgFormatException bad(String file, String value) {
        return new EcgFormatException(EcgFormatProblem.BAD_TIMESTAMP, file + ": time '" + value
                + "' cannot be read", file, value);
    }
}
