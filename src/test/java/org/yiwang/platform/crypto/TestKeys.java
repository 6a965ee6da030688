package org.yiwang.platform.crypto;

/** Fixed master keys for unit tests; production keys come from {@link MasterKeyLoader}. */
final class TestKeys {

    private TestKeys() {
    }

    static byte[] masterKey(int seed) {
        byte[] key = new byte[MasterKeyLoader.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    static SubKeys subKeys(CryptoSuite suite) {
        return SubKeys.derive(masterKey(1), suite);
    }
}
