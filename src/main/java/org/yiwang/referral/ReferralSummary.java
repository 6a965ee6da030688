package org.yiwang.referral;

import java.time.Instant;
import org.yiwang.registry.ServiceCode;

/**
 * One referral.
 *
 * @param direction       UP (to a higher level) or DOWN
 * @param sourceReference what prompted it, e.g. {@code ecg:123} for a critical ECG report
 */
public record ReferralSummary(long id, long residentId, long fromOrganisationId, long toOrganisationId,
        String direction, ReferralPriority priority, ServiceCode service, String reason, String sourceReference,
        long requestedBy, Instant requestedAt, ReferralStatus status, Long acceptedBy, Instant acceptedAt) {
}
