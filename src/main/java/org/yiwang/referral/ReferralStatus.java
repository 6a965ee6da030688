package org.yiwang.referral;

public enum ReferralStatus {

    /** Sent; the receiver has not taken it on yet. */
    REQUESTED,

    /** The receiver took the patient on. */
    ACCEPTED
}
