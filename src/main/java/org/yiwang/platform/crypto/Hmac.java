package org.yiwang.platform.crypto;

import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC with the suite's digest; a fresh {@link HMac} per call keeps callers thread-safe. */
final class Hmac {

    private Hmac() {
    }

    static byte[] compute(CryptoSuite suite, byte[] key, byte[]... parts) {
        HMac hmac = new HMac(suite.newDigest());
        hmac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            hmac.update(part, 0, part.length);
        }
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
