package org.yiwang.platform.audit;

/**
 * Checks the audit trail's hash chain (SEC-05, CRY-04): every sealed entry is recomputed with the
 * integrity key and linked to its predecessor, from the retention anchor to the last sealed entry.
 */
public interface AuditVerification {

    /** Seals pending entries, then walks the whole chain in bounded pages and reports the first broken link. */
    VerificationReport verify();
}
