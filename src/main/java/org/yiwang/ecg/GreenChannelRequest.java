package org.yiwang.ecg;

import java.time.Instant;

/**
 * A critical ECG report to send the resident on through the green channel.
 *
 * @param organisationId  the uploading clinic, the referral's sender
 * @param readingCentreId the centre that read the ECG
 * @param conclusion      the signed conclusion (急性下壁ST段抬高型心肌梗死 …)
 * @param acquiredAt      first ECG time (CPC-12: the chest-pain timeline starts from timestamps)
 * @param signedAt        ECG diagnosis time
 */
public record GreenChannelRequest(long recordingId, long reportId, long residentId, long organisationId,
        long readingCentreId, String conclusion, Instant acquiredAt, Instant uploadedAt, Instant signedAt) {
}
