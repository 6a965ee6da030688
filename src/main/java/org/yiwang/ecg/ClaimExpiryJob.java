package org.yiwang.ecg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Returns claims held longer than {@code yiwang.ecg.reading.claim-timeout} to the queue. Every node runs it; the
 * database returns each claim once ({@code FOR UPDATE SKIP LOCKED} and a re-checked WHERE), so no node lock is needed.
 */
@Component
class ClaimExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ClaimExpiryJob.class);

    private final EcgReading reading;

    ClaimExpiryJob(EcgReading reading) {
        this.reading = reading;
    }

    @Scheduled(fixedDelayString = "${yiwang.ecg.reading.claim-expiry-interval:30s}",
            initialDelayString = "${yiwang.ecg.reading.claim-expiry-interval:30s}")
    void expire() {
        try {
            int returned = reading.expireClaims();
            if (returned > 0) {
                log.info("{} ECG claims held too long returned to the worklist", returned);
            }
        } catch (RuntimeException e) {
            log.warn("returning expired ECG claims failed; retried at the next run", e);
        }
    }
}
