package org.yiwang.platform.security.internal;

import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.SmsSender;

/** The SMS gateway chosen by {@code yiwang.sms.provider}; with {@code log} no bean: {@link LogSmsSender} is used. */
@Configuration
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "yiwang.sms.provider", havingValue = "aliyun")
    SmsSender aliyunSmsSender(SmsSettings settings, Clock clock) {
        return new AliyunSmsSender(settings.aliyun(), clock, () -> UUID.randomUUID().toString());
    }
}
