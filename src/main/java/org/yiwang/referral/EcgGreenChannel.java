package org.yiwang.referral;

import org.springframework.stereotype.Component;
import org.yiwang.ecg.GreenChannelReferrals;
import org.yiwang.registry.ServiceCode;

/**
 * The chest-pain green channel a critical ECG report opens (CPC-11): a green-channel up-referral from the uploading
 * clinic to the nearest chest-pain centre, with the signed conclusion as the reason. One per recording, however
 * often the button is pressed or the report amended.
 */
@Component
class EcgGreenChannel implements GreenChannelReferrals {

    private final Referrals referrals;

    EcgGreenChannel(Referrals referrals) {
        this.referrals = referrals;
    }

    @Override
    public String open(org.yiwang.ecg.GreenChannelRequest request) {
        String reason = "心电危急值 critical ECG: " + request.conclusion().strip();
        if (reason.length() > Referrals.MAX_REASON) {
            reason = reason.substring(0, Referrals.MAX_REASON - 1) + "…";
        }
        ReferralSummary referral = referrals.requestGreenChannel(new GreenChannelRequest(request.residentId(),
                ServiceCode.CHEST_PAIN_CENTRE, reason, "ecg:" + request.recordingId()));
        return "/referrals/" + referral.id();
    }
}
