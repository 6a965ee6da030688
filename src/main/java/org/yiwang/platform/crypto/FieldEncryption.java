package org.yiwang.platform.crypto;

/**
 * Encrypts identifying fields at rest (SM4-GCM by default, AES-256-GCM when configured) and computes
 * keyed blind indexes for exact lookup without decrypting (HMAC-SM3, or HMAC-SHA-256).
 *
 * <p>The {@code context} names the field (for example {@code "mpi.identity_document.number"}); it is bound
 * into the ciphertext as associated data and into the blind-index key, so a value copied to another
 * column neither decrypts nor matches there.
 */
public interface FieldEncryption {

    /** Ciphertext with algorithm/key version, nonce and tag; never the same twice for one plaintext. */
    byte[] encrypt(String plaintext, String context);

    /** Plaintext of {@link #encrypt}; throws {@link IllegalArgumentException} on a tampered or foreign ciphertext. */
    String decrypt(byte[] ciphertext, String context);

    /** Deterministic keyed digest of an already normalised value (32 bytes). */
    byte[] blindIndex(String normalisedValue, String context);
}
