package org.yiwang.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.yiwang.platform.security.SmsDeliveryException;

/**
 * Alibaba Cloud SMS against a local HTTP server that checks what Alibaba checks: the RPC signature (recomputed
 * with the secret from the received parameters), the SendSms parameters and the template variable.
 */
class AliyunSmsSenderTests {

    static final String SECRET = "test-secret-not-a-real-key";
    static final String CODE = "864209";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:30:15.123Z"), ZoneOffset.UTC);

    HttpServer server;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "";
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void localGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            form.put("_method", exchange.getRequestMethod());
            form.put("_query", String.valueOf(exchange.getRequestURI().getRawQuery()));
            received.add(form);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AliyunSmsSender.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AliyunSmsSender.class)).detachAppender(logs);
        server.stop(0);
    }

    AliyunSmsSender sender() {
        return new AliyunSmsSender(new SmsSettings.Aliyun(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                "cn-hangzhou", "清水县卫健委", "SMS_462310001", "code", "LTAI-test-id", SECRET, Duration.ofSeconds(2),
                Duration.ofSeconds(3), 2), CLOCK, () -> "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    }

    /** Alibaba's published worked example of the RPC signature (ECS DescribeRegions, key "testsecret"). */
    @Test
    void signsLikeAlibabasPublishedExample() {
        Map<String, String> p = Map.of("AccessKeyId", "testid", "Action", "DescribeRegions", "Format", "XML",
                "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0", "TimeStamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26");
        assertThat(AliyunSmsSender.signature("GET", AliyunSmsSender.canonicalQuery(p), "testsecret"))
                .isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
        assertThat(AliyunSmsSender.percentEncode("a b*c~d/é")).isEqualTo("a%20b%2Ac~d%2F%C3%A9");
    }

    @Test
    void sendsTheCodeThroughAliyunWithAValidSignature() {
        answer = """
                {"Message":"OK","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"OK","BizId":"900619746936498440^0"}""";

        sender().sendSignInCode("13800138000", CODE, 5, "您的验证码是" + CODE);

        assertThat(received).hasSize(1);
        Map<String, String> form = new LinkedHashMap<>(received.getFirst());
        assertThat(form.remove("_method")).isEqualTo("POST");
        assertThat(form.remove("_query")).as("nothing in the URL").isEqualTo("null");
        String signature = form.remove("Signature");
        assertThat(AliyunSmsSender.signature("POST", AliyunSmsSender.canonicalQuery(form), SECRET)).isEqualTo(signature);
        assertThat(form).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("PhoneNumbers", "13800138000").containsEntry("SignName", "清水县卫健委")
                .containsEntry("TemplateCode", "SMS_462310001").containsEntry("TemplateParam", "{\"code\":\"" + CODE + "\"}")
                .containsEntry("AccessKeyId", "LTAI-test-id").containsEntry("SignatureMethod", "HMAC-SHA1")
                .containsEntry("SignatureVersion", "1.0").containsEntry("Format", "JSON")
                .containsEntry("RegionId", "cn-hangzhou").containsEntry("Timestamp", "2026-11-23T08:30:15Z")
                .containsKey("SignatureNonce");
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("138****8000").contains("900619746936498440^0"))
                .allSatisfy(m -> assertThat(m).doesNotContain(CODE).doesNotContain("13800138000"));
    }

    @Test
    void providerErrorIsReportedWithoutLeakingTheCode() {
        status = 400;
        answer = """
                {"Message":"触发小时级流控Permits:5 param %s","RequestId":"A1B2","Code":"isv.BUSINESS_LIMIT_CONTROL"}"""
                .formatted(CODE);

        assertThatThrownBy(() -> sender().sendSignInCode("13800138000", CODE, 5, "您的验证码是" + CODE))
                .isInstanceOfSatisfying(SmsDeliveryException.class, e -> {
                    assertThat(e.getMessage()).contains("isv.BUSINESS_LIMIT_CONTROL").contains("HTTP 400")
                            .doesNotContain(CODE);
                    assertThat(e.transientFailure()).as("a rate limit passes").isTrue();
                });
        assertThat(received).as("no retry after a 4xx").hasSize(1);
        List<String> lines = new ArrayList<>(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(lines).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain(CODE));
        assertThat(lines).anySatisfy(m -> assertThat(m).contains("isv.BUSINESS_LIMIT_CONTROL").contains("138****8000"));
    }

    @Test
    void aServerErrorIsTriedOnceMoreThenReported() {
        status = 503;
        answer = "{\"Code\":\"ServiceUnavailable\",\"Message\":\"busy\",\"RequestId\":\"R\"}";

        assertThatThrownBy(() -> sender().sendSignInCode("13800138000", CODE, 5, "x"))
                .isInstanceOf(SmsDeliveryException.class).hasMessageNotContaining(CODE);
        assertThat(received).hasSize(2);
    }

    @Test
    void refusesToStartWithoutTheAccessKeyFromTheEnvironment() {
        assertThatThrownBy(() -> new AliyunSmsSender(new SmsSettings.Aliyun(URI.create("http://127.0.0.1/"),
                "cn-hangzhou", "签名", "SMS_1", "code", "", "", Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
                CLOCK, () -> "n")).hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID");
    }
}
