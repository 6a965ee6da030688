package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntegrityMacTests {

    private static final byte[] AUDIT_ROW = "2026-11-03T08:15:00Z|doctor-17|READ|resident-42".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("CRY-04: audit integrity uses HMAC-SM3 with the integrity sub-key on the SM suite")
    void smSuiteIsHmacSm3WithTheIntegrityKey() throws Exception {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.SM);
        Mac reference = Mac.getInstance("HMACSM3", new BouncyCastleProvider());
        reference.init(new SecretKeySpec(keys.integrityKey(), "HMACSM3"));

        IntegrityMac mac = new HmacIntegrityMac(keys);

        assertThat(mac.algorithm()).isEqualTo("HMAC-SM3");
        assertThat(mac.mac(AUDIT_ROW)).hasSize(32).isEqualTo(reference.doFinal(AUDIT_ROW));
    }

    @Test
    void aesSuiteIsHmacSha256WithTheIntegrityKey() throws Exception {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.AES);
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(keys.integrityKey(), "HmacSHA256"));

        IntegrityMac mac = new HmacIntegrityMac(keys);

        assertThat(mac.algorithm()).isEqualTo("HMAC-SHA-256");
        assertThat(mac.mac(AUDIT_ROW)).hasSize(32).isEqualTo(reference.doFinal(AUDIT_ROW));
    }

    @Test
    void macChangesWhenOneByteOfTheDataChanges() {
        IntegrityMac mac = new HmacIntegrityMac(TestKeys.subKeys(CryptoSuite.SM));
        byte[] altered = AUDIT_ROW.clone();
        altered[altered.length - 1] ^= 1;

        assertThat(mac.mac(AUDIT_ROW)).isEqualTo(mac.mac(AUDIT_ROW)).isNotEqualTo(mac.mac(altered));
    }

    @Test
    void macDiffersUnderAnotherMasterKey() {
        IntegrityMac mine = new HmacIntegrityMac(TestKeys.subKeys(CryptoSuite.SM));
        IntegrityMac theirs = new HmacIntegrityMac(SubKeys.derive(TestKeys.masterKey(2), CryptoSuite.SM));

        assertThat(mine.mac(AUDIT_ROW)).isNotEqualTo(theirs.mac(AUDIT_ROW));
    }

    @Test
    void integrityMacIsNotTheBlindIndexOfTheSameBytes() {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.SM);
        byte[] blindIndexKeyMac = Hmac.compute(CryptoSuite.SM, keys.blindIndexKey(), AUDIT_ROW);

        assertThat(new HmacIntegrityMac(keys).mac(AUDIT_ROW)).isNotEqualTo(blindIndexKeyMac);
    }
}
