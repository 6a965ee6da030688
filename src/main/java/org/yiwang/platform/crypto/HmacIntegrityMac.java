package org.yiwang.platform.crypto;

import java.util.Objects;

/** {@link IntegrityMac} with HMAC-SM3 or HMAC-SHA-256 under the integrity sub-key (CRY-04). */
final class HmacIntegrityMac implements IntegrityMac {

    private final CryptoSuite suite;
    private final byte[] key;

    HmacIntegrityMac(SubKeys keys) {
        this.suite = keys.suite();
        this.key = keys.integrityKey();
    }

    @Override
    public byte[] mac(byte[] data) {
        Objects.requireNonNull(data, "data");
        return Hmac.compute(suite, key, data);
    }

    @Override
    public String algorithm() {
        return suite.macName();
    }

    @Override
    public String toString() {
        return "IntegrityMac[" + suite.macName() + "]";
    }
}
