package org.yiwang.records.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.testing.WebSession;

/**
 * Residents' sign-in with {@code yiwang.sms.provider=aliyun}: the code reaches the (local) Alibaba Cloud gateway as
 * the template variable and signs the resident in; a refusal by the gateway tells the resident to try again (503).
 */
@IntegrationTest
class AliyunSmsSignInIntegrationTests {

    static final HttpServer GATEWAY;
    static final List<String> TEMPLATE_PARAMS = new CopyOnWriteArrayList<>();
    static volatile int status = 200;

    static {
        try {
            GATEWAY = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GATEWAY.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                if (pair.startsWith("TemplateParam=")) {
                    TEMPLATE_PARAMS.add(URLDecoder.decode(pair.substring("TemplateParam=".length()), StandardCharsets.UTF_8));
                }
            }
            byte[] answer = (status == 200 ? "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"R1\",\"BizId\":\"B1\"}"
                    : "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\",\"RequestId\":\"R2\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        GATEWAY.start();
    }

    @DynamicPropertySource
    static void aliyun(DynamicPropertyRegistry registry) {
        registry.add("yiwang.sms.provider", () -> "aliyun");
        registry.add("yiwang.sms.aliyun.endpoint", () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort() + "/");
        registry.add("yiwang.sms.aliyun.sign-name", () -> "清水县卫健委");
        registry.add("yiwang.sms.aliyun.template-code", () -> "SMS_462310001");
        registry.add("yiwang.sms.aliyun.access-key-id", () -> "test-id");
        registry.add("yiwang.sms.aliyun.access-key-secret", () -> "test-secret");
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    PortalFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new PortalFixtures(jdbc, encryption);
        status = 200;
    }

    @Test
    void theCodeSentThroughAliyunSignsTheResidentIn() {
        String phone = fixtures.newMobileNumber();
        fixtures.resident("李桂兰", LocalDate.of(1952, 6, 1), phone, null);
        WebSession web = new WebSession(port);
        int before = TEMPLATE_PARAMS.size();

        PortalFixtures.requestCode(web, phone);

        assertThat(TEMPLATE_PARAMS).hasSize(before + 1);
        Matcher code = Pattern.compile("\\{\"code\":\"([0-9]{6})\"}").matcher(TEMPLATE_PARAMS.getLast());
        assertThat(code.matches()).isTrue();
        HttpResponse<String> signedIn = PortalFixtures.enterCode(web, code.group(1));
        assertThat(signedIn.statusCode()).isEqualTo(302);
    }

    @Test
    void aRefusalByTheGatewayAsksTheResidentToTryAgain() {
        status = 400;
        String phone = fixtures.newMobileNumber();
        fixtures.resident("张德明", LocalDate.of(1948, 2, 11), phone, null);
        WebSession web = new WebSession(port);

        HttpResponse<String> page = PortalFixtures.requestCode(web, phone);

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("短信发送失败");
        status = 200;
        assertThat(PortalFixtures.requestCode(web, phone).statusCode()).as("the failed code did not count: no resend wait")
                .isEqualTo(200);
    }
}
