package org.yiwang.platform.audit.internal;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.BrokenLink;
import org.yiwang.platform.audit.VerificationReport;

/**
 * Verifies the chain from the retention anchor to the head in keyset pages, inside one repeatable-read
 * snapshot so that concurrent sealing or purging cannot look like tampering.
 */
@Component
class ChainVerifier implements AuditVerification {

    static final int PAGE_SIZE = 1000;

    private final AuditEventStore store;
    private final AuditChain chain;
    private final AuditSealer sealer;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    ChainVerifier(AuditEventStore store, AuditChain chain, AuditSealer sealer, PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.chain = chain;
        this.sealer = sealer;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @Override
    public VerificationReport verify() {
        sealer.sealNow();
        return snapshot.execute(status -> walk());
    }

    private VerificationReport walk() {
        ChainAnchor anchor = store.anchor();
        ChainWalk walk = new ChainWalk(chain, anchor.purgedThroughSeq(), anchor.purgedThroughHash());
        BrokenLink broken = null;
        if (!chain.anchorAuthentic(AuditChain.AnchorKind.PURGED_THROUGH, anchor.purgedThroughSeq(),
                anchor.purgedThroughHash(), anchor.purgedMac())) {
            broken = new BrokenLink(anchor.purgedThroughSeq(), null, BrokenLink.Reason.ANCHOR_MISMATCH);
        }
        long after = anchor.purgedThroughSeq();
        while (broken == null) {
            List<ChainedEntry> page = store.chainPage(after, PAGE_SIZE);
            for (ChainedEntry entry : page) {
                broken = walk.accept(entry);
                if (broken != null) {
                    break;
                }
            }
            if (page.size() < PAGE_SIZE || broken != null) {
                break;
            }
            after = page.getLast().chainSeq();
        }
        if (broken == null) {
            broken = walk.finish(anchor.headSeq(), anchor.headHash(), anchor.headMac());
        }
        if (broken == null) {
            broken = store.firstUnchained()
                    .map(id -> new BrokenLink(0, id, BrokenLink.Reason.UNCHAINED)).orElse(null);
        }
        return new VerificationReport(walk.checked(), walk.startSeq(), walk.lastSeq(), store.countUnsealed(), broken,
                chain.algorithm(), clock.instant());
    }
}
