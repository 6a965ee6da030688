package org.yiwang.referral;

/** A referral was sent; the receiver's incoming list shows it (green channel first). */
public record ReferralRequested(long referralId, long residentId, long fromOrganisationId, long toOrganisationId,
        ReferralPriority priority) {
}
