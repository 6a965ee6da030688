package org.yiwang.platform.audit;

import java.time.Instant;

/**
 * Outcome of {@link AuditVerification#verify()}.
 *
 * @param entriesChecked sealed entries checked before the first break (all of them when intact)
 * @param firstChainSeq chain position the walk started at (the first entry after the retention anchor)
 * @param lastChainSeq last chain position checked, or the anchor position when nothing was checked
 * @param unsealedEntries entries recorded but not yet sealed into the chain
 * @param firstBreak the first broken link, or null when the chain is intact
 * @param algorithm the integrity MAC, e.g. {@code HMAC-SM3}
 * @param verifiedAt when the check ran
 */
public record VerificationReport(
        long entriesChecked,
        long firstChainSeq,
        long lastChainSeq,
        long unsealedEntries,
        BrokenLink firstBreak,
        String algorithm,
        Instant verifiedAt) {

    public boolean intact() {
        return firstBreak == null;
    }
}
