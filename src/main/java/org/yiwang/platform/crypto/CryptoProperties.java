package org.yiwang.platform.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform cryptography ({@code yiwang.crypto.*}).
 *
 * @param suite {@code SM} (SM4-GCM, HMAC-SM3; CRY-02) or {@code AES} (AES-256-GCM, HMAC-SHA-256)
 * @param masterKey base64 of 32 random bytes ({@code YIWANG_MASTER_KEY}); empty means: use {@code keyFile}
 * @param keyFile where the master key is read from, or generated into on the embedded database
 * @param masking visible characters of masked identifiers (MASK-03)
 */
@ConfigurationProperties("yiwang.crypto")
record CryptoProperties(
        @DefaultValue("SM") CryptoSuite suite,
        String masterKey,
        @DefaultValue("./data/keys/master.key") Path keyFile,
        @DefaultValue MaskingProperties masking) {

    /** {@code yiwang.crypto.masking.*}: defaults 4/4 for ID numbers, 3/4 for phones. */
    record MaskingProperties(
            @DefaultValue("4") int idKeepStart,
            @DefaultValue("4") int idKeepEnd,
            @DefaultValue("3") int phoneKeepStart,
            @DefaultValue("4") int phoneKeepEnd) {

        MaskingRules rules() {
            return new MaskingRules(idKeepStart, idKeepEnd, phoneKeepStart, phoneKeepEnd);
        }
    }

    /** Keeps the master key out of logs and failure reports. */
    @Override
    public String toString() {
        return "CryptoProperties[suite=" + suite + ", masterKey=" + (masterKey == null || masterKey.isBlank() ? "unset" : "***")
                + ", keyFile=" + keyFile + ", masking=" + masking + "]";
    }
}
