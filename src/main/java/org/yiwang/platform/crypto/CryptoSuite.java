package org.yiwang.platform.crypto;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;

/**
 * The algorithm family used for all platform cryptography: China's commercial algorithms (SM4, SM3; CRY-02)
 * by default, or AES-256 and SHA-256 where an installation must use international algorithms.
 */
enum CryptoSuite {

    SM((byte) 0x01, "SM4-GCM", "HMAC-SM3", 16) {
        @Override
        Digest newDigest() {
            return new SM3Digest();
        }

        @Override
        BlockCipher newBlockCipher() {
            return new SM4Engine();
        }
    },

    AES((byte) 0x02, "AES-256-GCM", "HMAC-SHA-256", 32) {
        @Override
        Digest newDigest() {
            return new SHA256Digest();
        }

        @Override
        BlockCipher newBlockCipher() {
            return AESEngine.newInstance();
        }
    };

    private final byte formatByte;
    private final String cipherName;
    private final String macName;
    private final int cipherKeyBytes;

    CryptoSuite(byte formatByte, String cipherName, String macName, int cipherKeyBytes) {
        this.formatByte = formatByte;
        this.cipherName = cipherName;
        this.macName = macName;
        this.cipherKeyBytes = cipherKeyBytes;
    }

    /** First byte of every ciphertext, so a stored value names the suite (and format version) that wrote it. */
    byte formatByte() {
        return formatByte;
    }

    String cipherName() {
        return cipherName;
    }

    String macName() {
        return macName;
    }

    /** SM4 takes a 128-bit key, AES-256 a 256-bit key. */
    int cipherKeyBytes() {
        return cipherKeyBytes;
    }

    abstract Digest newDigest();

    abstract BlockCipher newBlockCipher();

    static CryptoSuite ofFormatByte(byte formatByte) {
        for (CryptoSuite suite : values()) {
            if (suite.formatByte == formatByte) {
                return suite;
            }
        }
        return null;
    }
}
