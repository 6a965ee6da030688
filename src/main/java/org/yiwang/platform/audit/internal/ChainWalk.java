package org.yiwang.platform.audit.internal;

import java.security.MessageDigest;
import org.yiwang.platform.audit.BrokenLink;
import org.yiwang.platform.audit.BrokenLink.Reason;

/**
 * Walks sealed entries in chain order from an anchor and reports the first one that breaks the chain.
 * Holds only the last link, so any number of entries can be fed page by page.
 */
final class ChainWalk {

    private final AuditChain chain;
    private final long startSeq;
    private long lastSeq;
    private byte[] lastHash;
    private long checked;

    ChainWalk(AuditChain chain, long anchorSeq, byte[] anchorHash) {
        this.chain = chain;
        this.startSeq = anchorSeq + 1;
        this.lastSeq = anchorSeq;
        this.lastHash = anchorHash.clone();
    }

    /** Checks the next entry; returns the break it shows, or null when it links correctly. */
    BrokenLink accept(ChainedEntry next) {
        long expected = lastSeq + 1;
        Long id = next.entry().id();
        if (next.chainSeq() != expected) {
            return new BrokenLink(expected, id, Reason.SEQUENCE_GAP);
        }
        if (next.prevHash() == null || !MessageDigest.isEqual(next.prevHash(), lastHash)) {
            return new BrokenLink(expected, id, Reason.BROKEN_LINK);
        }
        if (!chain.authentic(next)) {
            return new BrokenLink(expected, id, Reason.HASH_MISMATCH);
        }
        lastSeq = expected;
        lastHash = next.entryHash();
        checked++;
        return null;
    }

    /** After the last entry: the chain must end exactly at the recorded head. */
    BrokenLink finish(long headSeq, byte[] headHash, byte[] headMac) {
        if (!chain.anchorAuthentic(AuditChain.AnchorKind.HEAD, headSeq, headHash, headMac)) {
            return new BrokenLink(headSeq, null, Reason.ANCHOR_MISMATCH);
        }
        if (lastSeq < headSeq) {
            return new BrokenLink(lastSeq + 1, null, Reason.TRUNCATED);
        }
        if (lastSeq > headSeq || !MessageDigest.isEqual(lastHash, headHash)) {
            return new BrokenLink(headSeq, null, Reason.ANCHOR_MISMATCH);
        }
        return null;
    }

    long startSeq() {
        return startSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    long checked() {
        return checked;
    }
}
