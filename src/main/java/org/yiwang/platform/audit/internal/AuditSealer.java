package org.yiwang.platform.audit.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains committed entries in id order, in bounded batches. Any node may run it: a transaction-scoped
 * advisory lock lets one sealer at a time extend the chain; the others skip the round.
 */
@Component
class AuditSealer {

    static final int BATCH_SIZE = 5000;

    private final AuditEventStore store;
    private final AuditChain chain;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuditSealer(AuditEventStore store, AuditChain chain, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.chain = chain;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${yiwang.audit.seal-interval:1s}")
    void sealPending() {
        while (sealBatch(false) == BATCH_SIZE) {
            // more to do
        }
    }

    /** Seals everything committed so far, waiting for another node's sealer if one is running; returns the count. */
    long sealNow() {
        long total = 0;
        int sealed;
        do {
            sealed = sealBatch(true);
            total += sealed;
        } while (sealed == BATCH_SIZE);
        return total;
    }

    private int sealBatch(boolean wait) {
        Integer sealed = transactions.execute(status -> {
            if (wait) {
                store.lockChain();
            } else if (!store.tryLockChain()) {
                return 0;
            }
            List<AuditEntry> pending = store.unsealed(BATCH_SIZE);
            if (pending.isEmpty()) {
                return 0;
            }
            ChainAnchor anchor = store.anchor();
            long seq = anchor.headSeq();
            byte[] prev = anchor.headHash();
            List<ChainedEntry> chained = new ArrayList<>(pending.size());
            for (AuditEntry entry : pending) {
                ChainedEntry link = chain.seal(entry, ++seq, prev);
                chained.add(link);
                prev = link.entryHash();
            }
            store.seal(chained, clock.instant());
            store.moveHead(seq, prev, chain.anchorMac(AuditChain.AnchorKind.HEAD, seq, prev), chain.algorithm());
            return pending.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
