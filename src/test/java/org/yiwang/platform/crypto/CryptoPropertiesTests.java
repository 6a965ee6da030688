package org.yiwang.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@code yiwang.crypto.*} the way Spring Boot does, without starting a context. */
class CryptoPropertiesTests {

    private static CryptoProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("yiwang.crypto", CryptoProperties.class);
    }

    @Test
    @DisplayName("CRY-02, MASK-03: defaults are the SM suite and 4/4 ID, 3/4 phone masking")
    void defaultsToSmSuiteAndDocumentedMasking() {
        CryptoProperties properties = bind(Map.of());

        assertThat(properties.suite()).isEqualTo(CryptoSuite.SM);
        assertThat(properties.keyFile().normalize()).isEqualTo(Path.of("data/keys/master.key"));
        assertThat(properties.masking().rules()).isEqualTo(MaskingRules.DEFAULTS);
    }

    @Test
    void bindsSuiteKeyAndMaskingOverrides() {
        CryptoProperties properties = bind(Map.of(
                "yiwang.crypto.suite", "AES",
                "yiwang.crypto.master-key", "c2VjcmV0",
                "yiwang.crypto.key-file", "/etc/yiwang/master.key",
                "yiwang.crypto.masking.id-keep-start", "6",
                "yiwang.crypto.masking.phone-keep-end", "2"));

        assertThat(properties.suite()).isEqualTo(CryptoSuite.AES);
        assertThat(properties.masterKey()).isEqualTo("c2VjcmV0");
        assertThat(properties.keyFile()).isEqualTo(Path.of("/etc/yiwang/master.key"));
        assertThat(properties.masking().rules()).isEqualTo(new MaskingRules(6, 4, 3, 2));
    }

    @Test
    void keepsTheMasterKeyOutOfToString() {
        CryptoProperties properties = bind(Map.of("yiwang.crypto.master-key", "c2VjcmV0"));

        assertThat(properties.toString()).doesNotContain("c2VjcmV0").contains("masterKey=***");
    }
}
