package org.yiwang.records;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code yiwang.records}.
 *
 * @param pageSize         timeline entries per page when the caller does not say
 * @param maxPageSize      no page is larger, whatever the caller asks
 * @param clockSkew        how far in the future an item's time may lie (clinic clocks drift)
 * @param maxAttachment    largest attachment kept
 * @param sharingWindow    how old a result may be and still be offered before ordering the same test (互认)
 */
@ConfigurationProperties("yiwang.records")
public record RecordsProperties(
        @DefaultValue("50") int pageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("20MB") DataSize maxAttachment,
        @DefaultValue("30d") Duration sharingWindow) {

    public RecordsProperties {
        if (pageSize < 1 || maxPageSize < pageSize || maxPageSize > 1000) {
            throw new IllegalArgumentException("yiwang.records.page-size must be ≥ 1 and ≤ max-page-size ≤ 1000");
        }
    }
}
