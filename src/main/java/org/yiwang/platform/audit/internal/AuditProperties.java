package org.yiwang.platform.audit.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.audit}.
 *
 * @param retention how long entries are kept; at least 180 days (SEC-06: network logs kept ≥ 6 months)
 * @param sealInterval pause between sealing runs (read by the sealer's schedule)
 * @param purgeCron when the retention purge runs, in Asia/Shanghai time (read by the purge's schedule)
 */
@ConfigurationProperties("yiwang.audit")
record AuditProperties(
        @DefaultValue("180d") Duration retention,
        @DefaultValue("1s") Duration sealInterval,
        @DefaultValue("0 30 3 * * *") String purgeCron) {

    static final Duration MINIMUM_RETENTION = Duration.ofDays(180);

    AuditProperties {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("yiwang.audit.retention is " + retention.toDays()
                    + " days; the Cybersecurity Law art. 21 requires keeping logs at least 6 months (SEC-06),"
                    + " so it must be at least " + MINIMUM_RETENTION.toDays() + " days");
        }
    }
}
