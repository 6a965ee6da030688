package org.yiwang.referral;

import java.util.Objects;
import org.yiwang.registry.ServiceCode;

/**
 * A green-channel up-referral from the organisation the current actor acts for.
 *
 * @param service         what the receiver must offer (CHEST_PAIN_CENTRE for a STEMI, STROKE_CENTRE …); the nearest
 *                        such organisation above or beside the sender receives it (REF-03)
 * @param reason          the reason / initial impression (初步印象), e.g. the critical ECG conclusion
 * @param sourceReference what prompted it (e.g. {@code ecg:123}); one green channel per source and sender
 */
public record GreenChannelRequest(long residentId, ServiceCode service, String reason, String sourceReference) {

    public GreenChannelRequest {
        Objects.requireNonNull(service, "service");
    }
}
