package org.yiwang.records.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resident portal settings, {@code yiwang.portal.*}.
 *
 * @param accessLogPageSize entries per page of "who viewed my record" (the audit trail caps it at 100)
 * @param maxFamilyGrants family members one resident may authorise at a time
 */
@ConfigurationProperties("yiwang.portal")
record PortalProperties(
        @DefaultValue("20") int accessLogPageSize,
        @DefaultValue("10") int maxFamilyGrants) {
}
