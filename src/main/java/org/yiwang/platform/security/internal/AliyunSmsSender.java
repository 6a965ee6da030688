package org.yiwang.platform.security.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yiwang.platform.security.SmsDeliveryException;
import org.yiwang.platform.security.SmsSender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alibaba Cloud SMS (阿里云短信服务, dysmsapi {@code SendSms}, API version 2017-05-25) with the RPC-style signature
 * (signature version 1.0): the parameters sorted by name and percent-encoded (RFC 3986: {@code A–Z a–z 0–9 - _ . ~}
 * kept, space as {@code %20}), joined as {@code name=value&…}; the string to sign is
 * {@code POST&%2F&} + the encoded joined string; the signature is Base64(HMAC-SHA1(secret + "&", string to sign)).
 * The parameters travel in a form-encoded POST body, so that the code never appears in a URL (proxies log URLs).
 *
 * <p>Sign-in codes only: Alibaba sends approved templates, filled here with the code. A 4xx or a refusal
 * ({@code Code} other than {@code OK}) is not retried; an unreachable gateway, a timeout or a 5xx is tried again up
 * to the configured attempts. Log lines and exceptions name the masked number, the template and Alibaba's answer,
 * never the code.
 */
final class AliyunSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(AliyunSmsSender.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SmsSettings.Aliyun settings;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final HttpClient http;

    AliyunSmsSender(SmsSettings.Aliyun settings, Clock clock, Supplier<String> nonces) {
        if (settings.accessKeyId().isBlank() || settings.accessKeySecret().isBlank()) {
            throw new IllegalStateException("yiwang.sms.provider=aliyun needs the access key in the environment: "
                    + "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        }
        if (settings.signName().isBlank() || settings.templateCode().isBlank()) {
            throw new IllegalStateException("yiwang.sms.provider=aliyun needs yiwang.sms.aliyun.sign-name and "
                    + "yiwang.sms.aliyun.template-code (the approved signature and verification-code template)");
        }
        this.settings = settings;
        this.clock = clock;
        this.nonces = nonces;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void sendSignInCode(String mobileNumber, String code, long validityMinutes, String text) {
        String masked = MobileNumbers.masked(mobileNumber);
        String body = signedBody(mobileNumber, code);
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        int attempts = Math.max(1, settings.attempts());
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt < attempts) {
                    log.warn("SMS gateway Alibaba Cloud unreachable for {} (attempt {} of {}): {}", masked, attempt,
                            attempts, e.toString());
                    continue;
                }
                log.error("SMS to {} not sent: Alibaba Cloud unreachable after {} attempts: {}", masked, attempts,
                        e.toString());
                throw new SmsDeliveryException("Alibaba Cloud SMS unreachable: " + e, true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmsDeliveryException("interrupted while sending an SMS", true, e);
            }
            Answer answer = Answer.of(response.body(), code);
            int status = response.statusCode();
            if (status >= 500 && attempt < attempts) {
                log.warn("SMS gateway Alibaba Cloud answered {} for {} (attempt {} of {}): {}", status, masked,
                        attempt, attempts, answer);
                continue;
            }
            if (status == 200 && "OK".equals(answer.code())) {
                log.info("SMS sign-in code sent to {} by Alibaba Cloud, template {}, BizId {}, RequestId {}", masked,
                        settings.templateCode(), answer.bizId(), answer.requestId());
                return;
            }
            log.error("SMS to {} refused by Alibaba Cloud (HTTP {}, template {}): {}", masked, status,
                    settings.templateCode(), answer);
            boolean transientFailure = status >= 500 || answer.code().contains("LIMIT_CONTROL")
                    || "isp.SYSTEM_ERROR".equals(answer.code());
            throw new SmsDeliveryException("Alibaba Cloud SMS refused the message (HTTP " + status + "): " + answer,
                    transientFailure, null);
        }
    }

    /** The form body of a SendSms request, signed. */
    String signedBody(String mobileNumber, String code) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", settings.accessKeyId());
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("PhoneNumbers", mobileNumber);
        parameters.put("RegionId", settings.regionId());
        parameters.put("SignName", settings.signName());
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", nonces.get());
        parameters.put("SignatureVersion", "1.0");
        parameters.put("TemplateCode", settings.templateCode());
        parameters.put("TemplateParam", JSON.writeValueAsString(Map.of(settings.codeVariable(), code)));
        parameters.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        parameters.put("Version", "2017-05-25");
        String canonical = canonicalQuery(parameters);
        return "Signature=" + percentEncode(signature("POST", canonical, settings.accessKeySecret())) + "&" + canonical;
    }

    /** The parameters sorted by name, each name and value percent-encoded, joined with {@code &}. */
    static String canonicalQuery(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Base64(HMAC-SHA1(secret + "&", method + "&%2F&" + percentEncode(canonicalQuery))). */
    static String signature(String method, String canonicalQuery, String accessKeySecret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** RFC 3986 percent-encoding as Alibaba's signature wants it. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** Alibaba's answer, with the code scrubbed from anything it echoes. */
    record Answer(String code, String message, String requestId, String bizId) {

        static Answer of(String body, String secretCode) {
            try {
                JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
                return new Answer(scrub(text(json, "Code"), secretCode), scrub(text(json, "Message"), secretCode),
                        text(json, "RequestId"), text(json, "BizId"));
            } catch (RuntimeException e) {
                String start = body.length() > 200 ? body.substring(0, 200) : body;
                return new Answer("", "unreadable answer: " + scrub(start, secretCode), "", "");
            }
        }

        private static String text(JsonNode json, String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? "" : node.asString();
        }

        private static String scrub(String text, String secretCode) {
            return secretCode == null || secretCode.isEmpty() ? text : text.replace(secretCode, "******");
        }

        @Override
        public String toString() {
            return "Code=" + code + ", Message=" + message + ", RequestId=" + requestId;
        }
    }
}
