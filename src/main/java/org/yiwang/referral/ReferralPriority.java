package org.yiwang.referral;

/** How urgently the receiver must act. */
public enum ReferralPriority {

    ROUTINE,

    /** 绿色通道: priority consultation, exams and admission, advance notice to the receiver (REF-08). */
    GREEN_CHANNEL
}
