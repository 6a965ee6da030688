package org.yiwang.platform.audit.internal;

import java.security.MessageDigest;
import org.yiwang.platform.crypto.IntegrityMac;

/**
 * The chain rule (CRY-04): an entry's hash is the integrity MAC of all its fields, its chain position and
 * its predecessor's hash. Anchors (where the chain starts after a purge, where it ends) carry MACs too, so
 * that they cannot be moved to hide deleted entries.
 */
final class AuditChain {

    static final int HASH_LENGTH = 32;

    private static final String ENTRY_DOMAIN = "yiwang-audit-entry-v1";
    private static final String ANCHOR_DOMAIN = "yiwang-audit-anchor-v1";

    private final IntegrityMac mac;

    AuditChain(IntegrityMac mac) {
        this.mac = mac;
    }

    static byte[] genesisHash() {
        return new byte[HASH_LENGTH];
    }

    String algorithm() {
        return mac.algorithm();
    }

    byte[] entryHash(AuditEntry entry, long chainSeq, byte[] prevHash) {
        return mac.mac(canonical(entry, chainSeq, prevHash));
    }

    ChainedEntry seal(AuditEntry entry, long chainSeq, byte[] prevHash) {
        return new ChainedEntry(entry, chainSeq, prevHash.clone(), entryHash(entry, chainSeq, prevHash));
    }

    boolean authentic(ChainedEntry chained) {
        return chained.entryHash() != null && MessageDigest.isEqual(chained.entryHash(),
                entryHash(chained.entry(), chained.chainSeq(), chained.prevHash()));
    }

    byte[] anchorMac(AnchorKind kind, long chainSeq, byte[] hash) {
        return mac.mac(new CanonicalEncoding(ANCHOR_DOMAIN).text(kind.name()).number(chainSeq).bytes(hash).toByteArray());
    }

    /** The genesis anchor (position 0, zero hash) is written by the migration and needs no MAC. */
    boolean anchorAuthentic(AnchorKind kind, long chainSeq, byte[] hash, byte[] anchorMac) {
        if (chainSeq == 0 && anchorMac == null) {
            return MessageDigest.isEqual(hash, genesisHash());
        }
        return anchorMac != null && MessageDigest.isEqual(anchorMac, anchorMac(kind, chainSeq, hash));
    }

    static byte[] canonical(AuditEntry e, long chainSeq, byte[] prevHash) {
        return new CanonicalEncoding(ENTRY_DOMAIN)
                .number(e.id())
                .instant(e.occurredAt())
                .text(e.category())
                .text(e.action())
                .text(e.outcome())
                .number(e.actorAccountId())
                .text(e.actorUsername())
                .text(e.actorRole())
                .text(e.actorKind())
                .number(e.organisationId())
                .number(e.residentId())
                .text(e.objectType())
                .text(e.objectId())
                .text(e.purpose())
                .text(e.subject())
                .text(e.detail())
                .text(e.clientAddress())
                .text(e.correlationId())
                .number(chainSeq)
                .bytes(prevHash)
                .toByteArray();
    }

    enum AnchorKind { PURGED_THROUGH, HEAD }
}
