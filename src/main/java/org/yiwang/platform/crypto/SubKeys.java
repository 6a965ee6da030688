package org.yiwang.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Independent keys derived from the master key with HKDF (RFC 5869, over SM3 or SHA-256), one per purpose, so
 * that a key leaked or misused in one role (say, blind indexes) reveals nothing about the others.
 */
final class SubKeys {

    static final String FIELD_ENCRYPTION_INFO = "yiwang/field-encryption/v1";
    static final String BLIND_INDEX_INFO = "yiwang/blind-index/v1";
    static final String INTEGRITY_INFO = "yiwang/integrity/v1";

    private static final int KEY_BYTES = 32;

    private final CryptoSuite suite;
    private final byte[] fieldEncryption;
    private final byte[] blindIndex;
    private final byte[] integrity;

    private SubKeys(CryptoSuite suite, byte[] fieldEncryption, byte[] blindIndex, byte[] integrity) {
        this.suite = suite;
        this.fieldEncryption = fieldEncryption;
        this.blindIndex = blindIndex;
        this.integrity = integrity;
    }

    static SubKeys derive(byte[] masterKey, CryptoSuite suite) {
        if (masterKey.length != MasterKeyLoader.KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + MasterKeyLoader.KEY_BYTES + " bytes");
        }
        return new SubKeys(suite,
                hkdf(masterKey, suite, FIELD_ENCRYPTION_INFO, KEY_BYTES),
                hkdf(masterKey, suite, BLIND_INDEX_INFO, KEY_BYTES),
                hkdf(masterKey, suite, INTEGRITY_INFO, KEY_BYTES));
    }

    static byte[] hkdf(byte[] masterKey, CryptoSuite suite, String info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(suite.newDigest());
        // No salt: the master key is already uniformly random, and RFC 5869 then uses a zero salt.
        generator.init(new HKDFParameters(masterKey, null, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[length];
        generator.generateBytes(key, 0, key.length);
        return key;
    }

    CryptoSuite suite() {
        return suite;
    }

    /** The cipher key: the first 16 bytes for SM4, all 32 for AES-256. */
    byte[] fieldEncryptionKey() {
        return Arrays.copyOf(fieldEncryption, suite.cipherKeyBytes());
    }

    byte[] blindIndexKey() {
        return blindIndex.clone();
    }

    byte[] integrityKey() {
        return integrity.clone();
    }

    @Override
    public String toString() {
        return "SubKeys[" + suite + ", redacted]";
    }
}
