package org.yiwang.platform.audit.internal;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.platform.audit.internal.AuditEventStore.ChainLink;

/**
 * Deletes sealed entries older than the retention (at least 180 days, SEC-06) from the start of the chain,
 * moving the anchor in the same transaction so that verification starts after the purged part. Stops at
 * the first entry that is too young or does not link, so a damaged chain is kept as evidence.
 */
@Component
class AuditRetentionPurge {

    static final int CHUNK_SIZE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(AuditRetentionPurge.class);

    private final AuditEventStore store;
    private final AuditChain chain;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private final Clock clock;

    AuditRetentionPurge(AuditEventStore store, AuditChain chain, TransactionTemplate transactions,
            AuditProperties properties, Clock clock) {
        this.store = store;
        this.chain = chain;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${yiwang.audit.purge-cron:0 30 3 * * *}", zone = "Asia/Shanghai")
    void purgeExpired() {
        Instant cutoff = clock.instant().minus(properties.retention());
        long purged = purgeOlderThan(cutoff);
        if (purged > 0) {
            log.info("Audit retention: purged {} entries that occurred before {}", purged, cutoff);
        }
    }

    /** Purges the chain prefix of entries that occurred before the cutoff; returns how many were deleted. */
    long purgeOlderThan(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = purgeChunk(cutoff);
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private int purgeChunk(Instant cutoff) {
        Integer deleted = transactions.execute(status -> {
            store.lockChain();
            ChainAnchor anchor = store.anchor();
            List<ChainLink> links = store.links(anchor.purgedThroughSeq(), CHUNK_SIZE);
            long through = anchor.purgedThroughSeq();
            byte[] throughHash = anchor.purgedThroughHash();
            for (ChainLink link : links) {
                boolean linked = link.chainSeq() == through + 1 && MessageDigest.isEqual(link.prevHash(), throughHash);
                if (!linked || !link.occurredAt().isBefore(cutoff)) {
                    break;
                }
                through = link.chainSeq();
                throughHash = link.entryHash();
            }
            if (through == anchor.purgedThroughSeq()) {
                return 0;
            }
            store.movePurgedThrough(through, throughHash,
                    chain.anchorMac(AuditChain.AnchorKind.PURGED_THROUGH, through, throughHash), clock.instant());
            return store.deleteThrough(anchor.purgedThroughSeq(), through);
        });
        return deleted == null ? 0 : deleted;
    }
}
