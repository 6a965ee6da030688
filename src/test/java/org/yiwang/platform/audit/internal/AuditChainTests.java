package org.yiwang.platform.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.yiwang.platform.audit.BrokenLink;
import org.yiwang.platform.audit.BrokenLink.Reason;
import org.yiwang.platform.crypto.IntegrityMac;

/** The chain rule and its verification walk (SEC-05 tamper evidence, CRY-04 HMAC-SM3 on audit logs). */
class AuditChainTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final AuditChain chain = new AuditChain(hmacSm3(KEY));

    @Test
    void encodingKeepsFieldBoundaries() {
        byte[] ab_c = new CanonicalEncoding("t").text("ab").text("c").toByteArray();
        byte[] a_bc = new CanonicalEncoding("t").text("a").text("bc").toByteArray();

        assertThat(ab_c).isNotEqualTo(a_bc);
    }

    @Test
    void encodingTellsNullFromEmpty() {
        byte[] nullField = new CanonicalEncoding("t").text(null).toByteArray();
        byte[] emptyField = new CanonicalEncoding("t").text("").toByteArray();

        assertThat(nullField).isNotEqualTo(emptyField);
    }

    @Test
    void encodingWritesInstantsInUtcWithMicroseconds() {
        Instant instant = Instant.parse("2026-11-05T08:30:00Z");

        byte[] encoded = new CanonicalEncoding("t").instant(instant).toByteArray();

        assertThat(new String(encoded, StandardCharsets.UTF_8)).endsWith("2026-11-05T08:30:00.000000Z");
        assertThat(encoded).isEqualTo(new CanonicalEncoding("t").text("2026-11-05T08:30:00.000000Z").toByteArray());
    }

    @Test
    void hashCoversEveryFieldThePositionAndThePredecessor() {
        AuditEntry entry = entry(7);
        byte[] prev = AuditChain.genesisHash();
        byte[] original = chain.entryHash(entry, 1, prev);
        List<UnaryOperator<AuditEntry>> changes = List.of(
                e -> copy(e, 0, 8L),
                e -> copy(e, 1, e.occurredAt().plusNanos(1000)),
                e -> copy(e, 2, "SECURITY"),
                e -> copy(e, 3, "UPDATE_RECORD"),
                e -> copy(e, 4, "FAILURE"),
                e -> copy(e, 5, 99L),
                e -> copy(e, 6, "mallory"),
                e -> copy(e, 7, "NURSE"),
                e -> copy(e, 8, "API_CLIENT"),
                e -> copy(e, 9, 2L),
                e -> copy(e, 10, 43L),
                e -> copy(e, 11, "Encounter"),
                e -> copy(e, 12, "obs-2"),
                e -> copy(e, 13, "RESEARCH"),
                e -> copy(e, 14, "someone"),
                e -> copy(e, 15, "other detail"),
                e -> copy(e, 16, "10.0.0.9"),
                e -> copy(e, 17, "other-correlation"));

        assertThat(changes).hasSize(AuditEntry.class.getRecordComponents().length);
        for (UnaryOperator<AuditEntry> change : changes) {
            assertThat(chain.entryHash(change.apply(entry), 1, prev)).isNotEqualTo(original);
        }
        assertThat(chain.entryHash(entry, 2, prev)).isNotEqualTo(original);
        byte[] otherPrev = AuditChain.genesisHash();
        otherPrev[31] = 1;
        assertThat(chain.entryHash(entry, 1, otherPrev)).isNotEqualTo(original);
        assertThat(chain.entryHash(entry, 1, prev)).isEqualTo(original).hasSize(AuditChain.HASH_LENGTH);
    }

    @Test
    void walkAcceptsAnUnbrokenChainEndingAtTheHead() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 5);

        ChainWalk walk = new ChainWalk(chain, 0, AuditChain.genesisHash());

        assertThat(sealed).allSatisfy(e -> assertThat(walk.accept(e)).isNull());
        assertThat(finish(walk, sealed)).isNull();
        assertThat(walk.checked()).isEqualTo(5);
        assertThat(walk.lastSeq()).isEqualTo(5);
    }

    @Test
    void walkReportsAnAlteredEntryAsHashMismatch() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 5);
        ChainedEntry third = sealed.get(2);
        sealed.set(2, new ChainedEntry(copy(third.entry(), 14, "covered-up"), 3, third.prevHash(), third.entryHash()));

        BrokenLink broken = walkAll(sealed);

        assertThat(broken).isEqualTo(new BrokenLink(3, third.entry().id(), Reason.HASH_MISMATCH));
    }

    @Test
    void walkReportsADeletedMiddleEntryAsGap() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 5);
        ChainedEntry fourth = sealed.get(3);
        sealed.remove(2);

        BrokenLink broken = walkAll(sealed);

        assertThat(broken).isEqualTo(new BrokenLink(3, fourth.entry().id(), Reason.SEQUENCE_GAP));
    }

    @Test
    void walkReportsReorderedEntriesAsBrokenLink() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 5);
        ChainedEntry second = sealed.get(1);
        ChainedEntry third = sealed.get(2);
        // Swap the positions of entries 2 and 3, keeping each one's own link data.
        sealed.set(1, new ChainedEntry(third.entry(), 2, third.prevHash(), third.entryHash()));
        sealed.set(2, new ChainedEntry(second.entry(), 3, second.prevHash(), second.entryHash()));

        BrokenLink broken = walkAll(sealed);

        assertThat(broken).isEqualTo(new BrokenLink(2, third.entry().id(), Reason.BROKEN_LINK));
    }

    @Test
    void walkReportsAnEntryWithAForgedHash() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 3);
        byte[] forgedHash = new byte[AuditChain.HASH_LENGTH];
        Arrays.fill(forgedHash, (byte) 0x5A);
        sealed.add(new ChainedEntry(entry(4), 4, sealed.getLast().entryHash(), forgedHash));

        BrokenLink broken = walkAll(sealed);

        assertThat(broken).isEqualTo(new BrokenLink(4, 4L, Reason.HASH_MISMATCH));
    }

    @Test
    void walkReportsEntriesCutOffAtTheEndAsTruncated() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 5);
        ChainedEntry head = sealed.getLast();
        ChainWalk walk = new ChainWalk(chain, 0, AuditChain.genesisHash());

        sealed.subList(0, 3).forEach(e -> assertThat(walk.accept(e)).isNull());

        assertThat(walk.finish(5, head.entryHash(), headMac(head)))
                .isEqualTo(new BrokenLink(4, null, Reason.TRUNCATED));
    }

    @Test
    void walkRejectsAHeadWithoutAValidMac() {
        List<ChainedEntry> sealed = sealChain(0, AuditChain.genesisHash(), 3);
        ChainedEntry second = sealed.get(1);
        ChainWalk walk = new ChainWalk(chain, 0, AuditChain.genesisHash());
        sealed.subList(0, 2).forEach(walk::accept);

        // A tamperer deletes the last entry and moves the head back, but cannot compute its MAC.
        assertThat(walk.finish(2, second.entryHash(), new byte[AuditChain.HASH_LENGTH]))
                .isEqualTo(new BrokenLink(2, null, Reason.ANCHOR_MISMATCH));
    }

    @Test
    void walkStartsAfterARetentionAnchor() {
        List<ChainedEntry> all = sealChain(0, AuditChain.genesisHash(), 6);
        ChainedEntry purgedThrough = all.get(2);
        List<ChainedEntry> kept = all.subList(3, 6);

        ChainWalk walk = new ChainWalk(chain, purgedThrough.chainSeq(), purgedThrough.entryHash());

        assertThat(chain.anchorAuthentic(AuditChain.AnchorKind.PURGED_THROUGH, 3, purgedThrough.entryHash(),
                chain.anchorMac(AuditChain.AnchorKind.PURGED_THROUGH, 3, purgedThrough.entryHash()))).isTrue();
        assertThat(kept).allSatisfy(e -> assertThat(walk.accept(e)).isNull());
        assertThat(finish(walk, kept)).isNull();
        assertThat(walk.startSeq()).isEqualTo(4);
        assertThat(walk.checked()).isEqualTo(3);
    }

    @Test
    void onlyTheGenesisAnchorNeedsNoMac() {
        byte[] someHash = new byte[AuditChain.HASH_LENGTH];
        someHash[0] = 9;

        assertThat(chain.anchorAuthentic(AuditChain.AnchorKind.HEAD, 0, AuditChain.genesisHash(), null)).isTrue();
        assertThat(chain.anchorAuthentic(AuditChain.AnchorKind.HEAD, 3, someHash, null)).isFalse();
        assertThat(chain.anchorAuthentic(AuditChain.AnchorKind.HEAD, 0, someHash, null)).isFalse();
        // A MAC made for one kind of anchor does not pass for the other.
        byte[] headMac = chain.anchorMac(AuditChain.AnchorKind.HEAD, 3, someHash);
        assertThat(chain.anchorAuthentic(AuditChain.AnchorKind.PURGED_THROUGH, 3, someHash, headMac)).isFalse();
    }

    @Test
    void aChainSealedWithAnotherKeyDoesNotVerify() {
        AuditChain otherKey = new AuditChain(hmacSm3("another key, another county......".getBytes(StandardCharsets.US_ASCII)));
        ChainedEntry forged = otherKey.seal(entry(1), 1, AuditChain.genesisHash());

        assertThat(walkAll(List.of(forged))).isEqualTo(new BrokenLink(1, 1L, Reason.HASH_MISMATCH));
    }

    @Test
    void retentionUnderSixMonthsIsRefused() {
        // SEC-06: network logs are kept at least 6 months (Cybersecurity Law art. 21).
        assertThatThrownBy(() -> new AuditProperties(Duration.ofDays(179), Duration.ofSeconds(1), "0 30 3 * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEC-06");
        assertThat(new AuditProperties(Duration.ofDays(180), Duration.ofSeconds(1), "0 30 3 * * *").retention())
                .isEqualTo(Duration.ofDays(180));
    }

    @Test
    void cursorSurvivesTheUrlRoundTrip() {
        AuditLogCursor cursor = new AuditLogCursor(Instant.parse("2026-11-05T08:30:00.123456Z"), 42);

        assertThat(AuditLogCursor.parse(cursor.token())).contains(cursor);
        assertThat(AuditLogCursor.parse("not-a-cursor")).isEmpty();
        assertThat(AuditLogCursor.parse("12_x")).isEmpty();
    }

    private List<ChainedEntry> sealChain(long anchorSeq, byte[] anchorHash, int count) {
        List<ChainedEntry> sealed = new ArrayList<>();
        byte[] prev = anchorHash;
        for (int i = 1; i <= count; i++) {
            ChainedEntry link = chain.seal(entry(anchorSeq + i), anchorSeq + i, prev);
            sealed.add(link);
            prev = link.entryHash();
        }
        return sealed;
    }

    private BrokenLink walkAll(List<ChainedEntry> entries) {
        ChainWalk walk = new ChainWalk(chain, 0, AuditChain.genesisHash());
        for (ChainedEntry e : entries) {
            BrokenLink broken = walk.accept(e);
            if (broken != null) {
                return broken;
            }
        }
        return finish(walk, entries);
    }

    private BrokenLink finish(ChainWalk walk, List<ChainedEntry> entries) {
        ChainedEntry head = entries.getLast();
        return walk.finish(head.chainSeq(), head.entryHash(), headMac(head));
    }

    private byte[] headMac(ChainedEntry head) {
        return chain.anchorMac(AuditChain.AnchorKind.HEAD, head.chainSeq(), head.entryHash());
    }

    private static AuditEntry entry(long id) {
        return new AuditEntry(id, Instant.parse("2026-11-05T00:30:00.000001Z").plusSeconds(id), "HEALTH_DATA_READ",
                "VIEW_RECORD", "SUCCESS", 11L, "doctor.li", "DOCTOR", "STAFF", 1L, 42L, "Observation", "obs-1",
                "TREATMENT", null, "detail", "192.168.1.20", "corr-" + id);
    }

    /** The entry with record component {@code index} replaced. */
    private static AuditEntry copy(AuditEntry e, int index, Object value) {
        Object[] values = Arrays.stream(AuditEntry.class.getRecordComponents()).map(c -> {
            try {
                return c.getAccessor().invoke(e);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }).toArray();
        values[index] = value;
        try {
            return (AuditEntry) AuditEntry.class.getDeclaredConstructors()[0].newInstance(values);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A stand-in for the crypto module's key: plain Bouncy Castle HMAC-SM3. */
    private static IntegrityMac hmacSm3(byte[] key) {
        return new IntegrityMac() {
            @Override
            public byte[] mac(byte[] data) {
                HMac hmac = new HMac(new SM3Digest());
                hmac.init(new KeyParameter(key));
                hmac.update(data, 0, data.length);
                byte[] out = new byte[hmac.getMacSize()];
                hmac.doFinal(out, 0);
                return out;
            }

            @Override
            public String algorithm() {
                return "HMAC-SM3";
            }
        };
    }
}
