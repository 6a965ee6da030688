package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SubKeysTests {

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    @DisplayName("CRY-04: encryption, blind-index and integrity keys are independent HKDF outputs")
    void subKeysDifferFromEachOtherAndFromTheMasterKey(CryptoSuite suite) {
        byte[] master = TestKeys.masterKey(1);
        SubKeys keys = SubKeys.derive(master, suite);
        byte[] fullEncryptionKey = SubKeys.hkdf(master, suite, SubKeys.FIELD_ENCRYPTION_INFO, 32);

        List<String> all = List.of(hex(fullEncryptionKey), hex(keys.blindIndexKey()), hex(keys.integrityKey()), hex(master));

        assertThat(all).doesNotHaveDuplicates();
        assertThat(keys.blindIndexKey()).hasSize(32);
        assertThat(keys.integrityKey()).hasSize(32);
        assertThat(keys.fieldEncryptionKey()).hasSize(suite.cipherKeyBytes())
                .isEqualTo(java.util.Arrays.copyOf(fullEncryptionKey, suite.cipherKeyBytes()));
    }

    @Test
    @DisplayName("CRY-02: the SM suite derives with HKDF-SM3, so its keys differ from the SHA-256 suite's")
    void suitesDeriveDifferentKeysFromOneMasterKey() {
        SubKeys sm = TestKeys.subKeys(CryptoSuite.SM);
        SubKeys aes = TestKeys.subKeys(CryptoSuite.AES);

        assertThat(sm.suite()).isEqualTo(CryptoSuite.SM);
        assertThat(sm.fieldEncryptionKey()).hasSize(16);
        assertThat(aes.fieldEncryptionKey()).hasSize(32);
        assertThat(sm.blindIndexKey()).isNotEqualTo(aes.blindIndexKey());
        assertThat(sm.integrityKey()).isNotEqualTo(aes.integrityKey());
    }

    @Test
    void derivationIsDeterministicSoRestartsReadOldData() {
        SubKeys first = SubKeys.derive(TestKeys.masterKey(1), CryptoSuite.SM);
        SubKeys again = SubKeys.derive(TestKeys.masterKey(1), CryptoSuite.SM);
        SubKeys other = SubKeys.derive(TestKeys.masterKey(2), CryptoSuite.SM);

        assertThat(again.fieldEncryptionKey()).isEqualTo(first.fieldEncryptionKey());
        assertThat(again.blindIndexKey()).isEqualTo(first.blindIndexKey());
        assertThat(other.fieldEncryptionKey()).isNotEqualTo(first.fieldEncryptionKey());
    }

    @Test
    void rejectsMasterKeyOfWrongLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> SubKeys.derive(new byte[16], CryptoSuite.SM));
    }

    @Test
    void neverPrintsKeyMaterial() {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.SM);

        assertThat(keys.toString()).doesNotContain(hex(keys.blindIndexKey())).contains("redacted");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
