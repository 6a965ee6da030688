package org.yiwang.platform.security.internal;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.sms}: which gateway sends residents' sign-in codes.
 *
 * @param provider {@code log} (the embedded default: the server log; demo mode also shows the code on screen) or
 *                 {@code aliyun} (Alibaba Cloud SMS, dysmsapi SendSms)
 */
@ConfigurationProperties("yiwang.sms")
record SmsSettings(@DefaultValue("log") String provider, @DefaultValue Aliyun aliyun) {

    SmsSettings {
        if (!"log".equals(provider) && !"aliyun".equals(provider)) {
            throw new IllegalArgumentException("yiwang.sms.provider must be log or aliyun, not '" + provider + "'");
        }
    }

    /**
     * Alibaba Cloud SMS (阿里云短信服务). The access key comes from the environment only
     * ({@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}), never from a file in the
     * repository.
     *
     * @param endpoint       the API endpoint (the service's; a test points it at a local server)
     * @param regionId       the region of the account
     * @param signName       the approved signature (短信签名), e.g. 清水县卫健委
     * @param templateCode   the approved verification-code template (SMS_…), with a {@code ${code}} variable
     * @param codeVariable   the template's variable for the code
     * @param accessKeyId    from {@code ALIBABA_CLOUD_ACCESS_KEY_ID}
     * @param accessKeySecret from {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for the answer
     * @param attempts       tries in all when the gateway is unreachable or answers 5xx (never again after a 4xx or
     *                       a refusal)
     */
    record Aliyun(
            @DefaultValue("https://dysmsapi.aliyuncs.com/") URI endpoint,
            @DefaultValue("cn-hangzhou") String regionId,
            @DefaultValue("") String signName,
            @DefaultValue("") String templateCode,
            @DefaultValue("code") String codeVariable,
            @DefaultValue("") String accessKeyId,
            @DefaultValue("") String accessKeySecret,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("2") int attempts) {

        @Override
        public String toString() {
            return "Aliyun[endpoint=" + endpoint + ", regionId=" + regionId + ", signName=" + signName
                    + ", templateCode=" + templateCode + ", accessKeyId=" + (accessKeyId.isEmpty() ? "" : "***") + "]";
        }
    }
}
