package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FieldEncryptionTests {

    private static final String ID_CONTEXT = "mpi.identity_document.number";
    private static final String PHONE_CONTEXT = "mpi.resident.phone";
    private static final String ID_NUMBER = "510105199001011234";

    private static GcmFieldEncryption encryption(CryptoSuite suite) {
        return new GcmFieldEncryption(TestKeys.subKeys(suite), new SecureRandom());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    @DisplayName("CRY-04: sensitive columns round-trip through the configured suite, Chinese text included")
    void roundTripsChineseAndAsciiText(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);

        for (String plaintext : new String[] {ID_NUMBER, "张三丰，高血压二级（极高危）", "𠮷野家", ""}) {
            byte[] ciphertext = encryption.encrypt(plaintext, ID_CONTEXT);
            assertThat(encryption.decrypt(ciphertext, ID_CONTEXT)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void writesSuiteByteNonceCiphertextAndTag(CryptoSuite suite) {
        byte[] ciphertext = encryption(suite).encrypt(ID_NUMBER, ID_CONTEXT);

        assertThat(ciphertext[0]).isEqualTo(suite.formatByte());
        assertThat(ciphertext).hasSize(1 + 12 + ID_NUMBER.length() + 16);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(ID_NUMBER);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void encryptingTheSameValueTwiceGivesDifferentCiphertexts(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);

        byte[] first = encryption.encrypt(ID_NUMBER, ID_CONTEXT);
        byte[] second = encryption.encrypt(ID_NUMBER, ID_CONTEXT);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    @DisplayName("CRY-04: a single flipped bit anywhere in a stored ciphertext is rejected")
    void rejectsTamperedCiphertextAtEveryBit(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);
        byte[] ciphertext = encryption.encrypt("13812345678", PHONE_CONTEXT);

        for (int bit = 0; bit < ciphertext.length * 8; bit++) {
            byte[] tampered = ciphertext.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatIllegalArgumentException()
                    .as("bit %d flipped", bit)
                    .isThrownBy(() -> encryption.decrypt(tampered, PHONE_CONTEXT));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void rejectsTruncatedCiphertext(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);
        byte[] ciphertext = encryption.encrypt("13812345678", PHONE_CONTEXT);

        for (int length = 0; length < ciphertext.length; length++) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            assertThatIllegalArgumentException()
                    .as("truncated to %d bytes", length)
                    .isThrownBy(() -> encryption.decrypt(truncated, PHONE_CONTEXT));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    @DisplayName("CRY-04: a value copied into another column does not decrypt there")
    void rejectsWrongContext(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);
        byte[] ciphertext = encryption.encrypt(ID_NUMBER, ID_CONTEXT);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> encryption.decrypt(ciphertext, PHONE_CONTEXT))
                .withMessageContaining(PHONE_CONTEXT)
                .withMessageContaining("authentication");
    }

    @Test
    @DisplayName("CRY-02: an SM4 installation refuses AES ciphertext and the other way round, naming both suites")
    void rejectsCiphertextFromTheOtherSuite() {
        byte[] fromAes = encryption(CryptoSuite.AES).encrypt(ID_NUMBER, ID_CONTEXT);
        byte[] fromSm = encryption(CryptoSuite.SM).encrypt(ID_NUMBER, ID_CONTEXT);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> encryption(CryptoSuite.SM).decrypt(fromAes, ID_CONTEXT))
                .withMessageContaining("AES-256-GCM")
                .withMessageContaining("SM4-GCM");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> encryption(CryptoSuite.AES).decrypt(fromSm, ID_CONTEXT))
                .withMessageContaining("written with SM4-GCM");
    }

    @Test
    void rejectsUnknownFormatByte() {
        FieldEncryption encryption = encryption(CryptoSuite.SM);
        byte[] ciphertext = encryption.encrypt(ID_NUMBER, ID_CONTEXT);
        ciphertext[0] = 0x7f;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> encryption.decrypt(ciphertext, ID_CONTEXT))
                .withMessageContaining("unknown format byte 0x7f");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void rejectsCiphertextEncryptedUnderAnotherMasterKey(CryptoSuite suite) {
        FieldEncryption other = new GcmFieldEncryption(SubKeys.derive(TestKeys.masterKey(2), suite), new SecureRandom());
        byte[] ciphertext = other.encrypt(ID_NUMBER, ID_CONTEXT);

        assertThatIllegalArgumentException().isThrownBy(() -> encryption(suite).decrypt(ciphertext, ID_CONTEXT));
    }

    @Test
    @DisplayName("CRY-04: SM ciphertext is standard SM4-GCM (12-byte nonce, context as AAD, 128-bit tag)")
    void smCiphertextDecryptsWithIndependentSm4GcmImplementation() throws Exception {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.SM);
        byte[] ciphertext = new GcmFieldEncryption(keys, new SecureRandom()).encrypt("张三丰", ID_CONTEXT);

        Cipher jce = Cipher.getInstance("SM4/GCM/NoPadding", new BouncyCastleProvider());
        jce.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.fieldEncryptionKey(), "SM4"),
                new GCMParameterSpec(128, ciphertext, 1, 12));
        jce.updateAAD(ID_CONTEXT.getBytes(StandardCharsets.UTF_8));

        assertThat(keys.fieldEncryptionKey()).hasSize(16);
        assertThat(new String(jce.doFinal(ciphertext, 13, ciphertext.length - 13), StandardCharsets.UTF_8))
                .isEqualTo("张三丰");
    }

    @Test
    void aesCiphertextDecryptsWithTheJdkAes256Gcm() throws Exception {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.AES);
        byte[] ciphertext = new GcmFieldEncryption(keys, new SecureRandom()).encrypt("张三丰", ID_CONTEXT);

        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.fieldEncryptionKey(), "AES"),
                new GCMParameterSpec(128, ciphertext, 1, 12));
        jdk.updateAAD(ID_CONTEXT.getBytes(StandardCharsets.UTF_8));

        assertThat(keys.fieldEncryptionKey()).hasSize(32);
        assertThat(new String(jdk.doFinal(ciphertext, 13, ciphertext.length - 13), StandardCharsets.UTF_8))
                .isEqualTo("张三丰");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    @DisplayName("CRY-04: the blind index is a deterministic 32-byte keyed digest for exact lookup")
    void blindIndexIsDeterministic(CryptoSuite suite) {
        byte[] first = encryption(suite).blindIndex(ID_NUMBER, ID_CONTEXT);
        byte[] second = encryption(suite).blindIndex(ID_NUMBER, ID_CONTEXT);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(encryption(suite).blindIndex("510105199001011235", ID_CONTEXT)).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void blindIndexDiffersByContext(CryptoSuite suite) {
        FieldEncryption encryption = encryption(suite);

        assertThat(encryption.blindIndex("13812345678", PHONE_CONTEXT))
                .isNotEqualTo(encryption.blindIndex("13812345678", "registry.practitioner.phone"));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void blindIndexDiffersByKey(CryptoSuite suite) {
        FieldEncryption other = new GcmFieldEncryption(SubKeys.derive(TestKeys.masterKey(2), suite), new SecureRandom());

        assertThat(encryption(suite).blindIndex(ID_NUMBER, ID_CONTEXT))
                .isNotEqualTo(other.blindIndex(ID_NUMBER, ID_CONTEXT));
    }

    @Test
    @DisplayName("CRY-02: the SM blind index is HMAC-SM3 over context, NUL, value with the blind-index key")
    void smBlindIndexIsHmacSm3OfContextAndValue() throws Exception {
        SubKeys keys = TestKeys.subKeys(CryptoSuite.SM);
        javax.crypto.Mac hmacSm3 = javax.crypto.Mac.getInstance("HMACSM3", new BouncyCastleProvider());
        hmacSm3.init(new SecretKeySpec(keys.blindIndexKey(), "HMACSM3"));

        byte[] expected = hmacSm3.doFinal((ID_CONTEXT + "\u0000" + ID_NUMBER).getBytes(StandardCharsets.UTF_8));

        assertThat(new GcmFieldEncryption(keys, new SecureRandom()).blindIndex(ID_NUMBER, ID_CONTEXT))
                .isEqualTo(expected);
    }

    @Test
    void rejectsContextThatCouldBeConfusedWithTheValue() {
        FieldEncryption encryption = encryption(CryptoSuite.SM);

        assertThatIllegalArgumentException().isThrownBy(() -> encryption.blindIndex("b", "a\u0000x"));
        assertThatIllegalArgumentException().isThrownBy(() -> encryption.encrypt("b", ""));
    }
}
