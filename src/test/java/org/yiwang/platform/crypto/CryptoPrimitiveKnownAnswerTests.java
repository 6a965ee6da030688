package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves the primitives under the suites against published vectors before anything is built on them. */
class CryptoPrimitiveKnownAnswerTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("CRY-02: the SM suite's block cipher is SM4 and encrypts the GB/T 32907 example block")
    void sm4MatchesGbt32907Example() {
        byte[] keyAndPlaintext = HEX.parseHex("0123456789abcdeffedcba9876543210");
        var engine = CryptoSuite.SM.newBlockCipher();
        assertThat(engine).isInstanceOf(SM4Engine.class);
        engine.init(true, new KeyParameter(keyAndPlaintext));
        byte[] ciphertext = new byte[16];
        engine.processBlock(keyAndPlaintext, 0, ciphertext, 0);

        assertThat(HEX.formatHex(ciphertext)).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    @Test
    @DisplayName("CRY-02: the SM suite's digest hashes \"abc\" to the GB/T 32905 example SM3 digest")
    void smSuiteDigestIsSm3() {
        byte[] digest = new byte[32];
        Digest sm3 = CryptoSuite.SM.newDigest();
        sm3.update("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        sm3.doFinal(digest, 0);

        assertThat(HEX.formatHex(digest))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void hmacSha256OfAesSuiteMatchesRfc4231TestCase2() {
        byte[] mac = Hmac.compute(CryptoSuite.AES, "Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want ".getBytes(StandardCharsets.US_ASCII),
                "for nothing?".getBytes(StandardCharsets.US_ASCII));

        assertThat(HEX.formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hkdfOfAesSuiteMatchesRfc5869TestCase3WithoutSaltOrInfo() {
        byte[] ikm = HEX.parseHex("0b".repeat(22));

        byte[] okm = SubKeys.hkdf(ikm, CryptoSuite.AES, "", 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}
