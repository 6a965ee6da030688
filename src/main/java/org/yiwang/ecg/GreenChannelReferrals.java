package org.yiwang.ecg;

/**
 * Opens the chest-pain green channel (胸痛绿色通道, CPC-11) for a critical ECG report: a referral of the resident from
 * the uploading clinic to a chest-pain centre. Implemented outside the ECG module (by referral); the clinic's page
 * offers the one-click button only when an implementation is present.
 */
public interface GreenChannelReferrals {

    /**
     * Starts the green-channel referral for the report, or returns the one already started for it (idempotent per
     * report), acting as the current staff member of the uploading clinic.
     *
     * @return the path of the referral's page, where the clinician continues
     */
    String open(GreenChannelRequest request);
}
