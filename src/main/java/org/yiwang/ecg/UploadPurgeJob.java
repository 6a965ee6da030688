package org.yiwang.ecg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges expired uploads on every node: each batch deletes with SKIP LOCKED in its own transaction, so nodes running
 * at once share the work instead of waiting on each other, and an upload being completed is never deleted under it.
 */
@Component
class UploadPurgeJob {

    private static final Logger log = LoggerFactory.getLogger(UploadPurgeJob.class);
    static final int BATCH = 500;

    private final EcgUploads uploads;

    UploadPurgeJob(EcgUploads uploads) {
        this.uploads = uploads;
    }

    @Scheduled(fixedDelayString = "${yiwang.ecg.intake.purge-interval:10m}",
            initialDelayString = "${yiwang.ecg.intake.purge-interval:10m}")
    void purge() {
        int total = 0;
        int deleted;
        do {
            deleted = uploads.purgeExpired(BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("purged {} expired ECG uploads", total);
        }
    }
}
