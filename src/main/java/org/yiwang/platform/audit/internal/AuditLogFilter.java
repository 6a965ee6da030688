package org.yiwang.platform.audit.internal;

import java.time.Instant;

/**
 * What the admin page asks for; null means "any". {@code before} continues a newest-first listing
 * after the last entry shown.
 */
record AuditLogFilter(Instant from, Instant to, String username, Long residentId, String category, String action,
        AuditLogCursor before) {
}
