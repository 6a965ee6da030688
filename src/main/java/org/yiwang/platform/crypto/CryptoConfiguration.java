package org.yiwang.platform.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.yiwang.platform.db.EmbeddedDatabaseCondition;

/** Wires the Spring-free crypto classes from {@code yiwang.crypto.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    // Not a bean: a SecureRandom bean would collide with any other module's and is nobody else's business.
    private final SecureRandom random = new SecureRandom();

    @Bean
    SubKeys cryptoSubKeys(CryptoProperties properties, Environment environment) {
        byte[] masterKey = new MasterKeyLoader(random).load(properties.masterKey(), properties.keyFile(),
                EmbeddedDatabaseCondition.isEmbedded(environment));
        try {
            return SubKeys.derive(masterKey, properties.suite());
        } finally {
            // Only the derived keys stay in memory.
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    @Bean
    FieldEncryption fieldEncryption(SubKeys cryptoSubKeys) {
        return new GcmFieldEncryption(cryptoSubKeys, random);
    }

    @Bean
    IntegrityMac integrityMac(SubKeys cryptoSubKeys) {
        return new HmacIntegrityMac(cryptoSubKeys);
    }

    @Bean
    Masking masking(CryptoProperties properties) {
        return new Masking(properties.masking().rules());
    }
}
