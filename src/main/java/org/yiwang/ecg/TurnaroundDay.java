package org.yiwang.ecg;

import java.time.Duration;
import java.time.LocalDate;

/**
 * A reading centre's turnaround on one day (Asia/Shanghai, by upload time), derived from the stored timestamps of
 * each step (CPC-12), for all signed ECGs and for those signed as critical values.
 *
 * @param targetMet whether the critical ECGs' median upload-to-signed time met the target; null without critical ECGs
 */
public record TurnaroundDay(LocalDate day, Figures all, Figures critical, Duration criticalTarget, Boolean targetMet) {

    /**
     * Medians and 90th percentiles of one group; a duration is null when the group has no such step.
     *
     * @param count        signed ECGs
     * @param acknowledged of those, acknowledged by the clinic
     * @param medianAcquiredToSigned first ECG (acquisition) to ECG diagnosis (signature): CPC-03, &lt; 10 min for STEMI
     */
    public record Figures(long count, Duration medianAcquiredToSigned, Duration p90AcquiredToSigned,
            Duration medianUploadToSigned, Duration p90UploadToSigned,
            Duration medianUploadToClaimed, Duration p90UploadToClaimed, Duration medianClaimedToSigned,
            Duration p90ClaimedToSigned, long acknowledged, Duration medianSignedToAcknowledged,
            Duration p90SignedToAcknowledged) {

        static final Figures NONE = new Figures(0, null, null, null, null, null, null, null, null, 0, null, null);
    }
}
