package org.yiwang.platform.audit.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yiwang.platform.audit.AuditEvent;

/**
 * The admin page's filter as typed: times are local Asia/Shanghai date-times ({@code 2026-11-05T08:30}).
 * Bad values become field messages, never a server error.
 */
record AuditLogForm(String from, String to, String user, String resident, String category, String action,
        String before) {

    static final ZoneId DISPLAY_ZONE = ZoneId.of("Asia/Shanghai");

    /** The filter, or field errors (field name to message key) if a value cannot be read. */
    Parsed parse() {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant fromInstant = time("from", from, errors);
        Instant toInstant = time("to", to, errors);
        Long residentId = null;
        if (present(resident)) {
            try {
                residentId = Long.parseLong(resident.strip());
            } catch (NumberFormatException e) {
                errors.put("resident", "audit.filter.invalidResident");
            }
        }
        String categoryName = null;
        if (present(category)) {
            categoryName = category.strip();
            if (Arrays.stream(AuditEvent.Category.values()).noneMatch(c -> c.name().equals(category.strip()))) {
                errors.put("category", "audit.filter.invalidCategory");
            }
        }
        AuditLogCursor cursor = null;
        if (present(before)) {
            cursor = AuditLogCursor.parse(before.strip()).orElse(null);
            if (cursor == null) {
                errors.put("before", "audit.filter.invalidCursor");
            }
        }
        AuditLogFilter filter = new AuditLogFilter(fromInstant, toInstant, present(user) ? user.strip() : null,
                residentId, categoryName, present(action) ? action.strip() : null, cursor);
        return new Parsed(filter, errors);
    }

    /** The same filter continued after {@code cursor}, as URL parameters for the "older" link. */
    AuditLogForm after(AuditLogCursor cursor) {
        return new AuditLogForm(from, to, user, resident, category, action, cursor.token());
    }

    private static Instant time(String field, String value, Map<String, String> errors) {
        if (!present(value)) {
            return null;
        }
        try {
            LocalDateTime time = LocalDateTime.parse(value.strip());
            if (time.getYear() < 1900 || time.getYear() > 9999) {
                // PostgreSQL's timestamps end in year 294276; no audit entry lies outside this range anyway
                errors.put(field, "audit.filter.invalidTime");
                return null;
            }
            return time.atZone(DISPLAY_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "audit.filter.invalidTime");
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    record Parsed(AuditLogFilter filter, Map<String, String> errors) {
    }
}
