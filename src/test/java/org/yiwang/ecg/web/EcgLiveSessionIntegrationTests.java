package org.yiwang.ecg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.testing.WebSession;

/**
 * SEC-04 (b), auto-logout on idle timeout, on a live page: the clinic's ECG inbox polls every few seconds, and those
 * background polls (header X-Yiwang-Poll: 1) must not keep an unattended screen signed in, while the user's own
 * requests do. The application's clock is moved forward instead of waiting (idle timeout: the configured 30 min).
 */
@IntegrationTest
@Import(EcgLiveSessionIntegrationTests.MovableClock.class)
class EcgLiveSessionIntegrationTests {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {
        static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());

        @Bean
        @Primary
        Clock movableClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    private static void advance(Duration by) {
        MovableClock.NOW.updateAndGet(t -> t.plus(by));
    }

    private WebSession signedInClinician() {
        WebSession web = new WebSession(port);
        assertThat(web.login("doctor", DemoMode.DEMO_PASSWORD)).doesNotContain("error");
        assertThat(web.get("/ecg/clinic").statusCode()).isEqualTo(200);
        return web;
    }

    private static HttpResponse<String> poll(WebSession web) {
        return web.get("/ecg/clinic/live?v=0", "X-Yiwang-Poll", "1", "HX-Request", "true");
    }

    @Test
    void pollingDoesNotKeepAnIdleSessionAlive() {
        assertThat(clock.instant()).isEqualTo(MovableClock.NOW.get());
        WebSession web = signedInClinician();

        advance(IDLE_TIMEOUT.minusMinutes(10));
        assertThat(poll(web).statusCode()).isEqualTo(200);
        advance(Duration.ofMinutes(9));
        assertThat(poll(web).statusCode()).isEqualTo(200); // polls went on all along, the user did nothing

        advance(Duration.ofMinutes(2)); // 31 min since the user's last own request
        HttpResponse<String> expired = poll(web);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("HX-Redirect")).hasValue("/login?expired");

        // the session is over: the page itself now asks for a login
        HttpResponse<String> page = web.get("/ecg/clinic");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(web.get("/login?expired").body()).contains("data-testid=\"login-expired\"");
    }

    @Test
    void userActivityKeepsTheSessionAlive() {
        WebSession web = signedInClinician();

        advance(IDLE_TIMEOUT.minusMinutes(5));
        assertThat(poll(web).statusCode()).isEqualTo(200);
        assertThat(web.get("/ecg/clinic").statusCode()).isEqualTo(200); // the user looks at the page
        advance(IDLE_TIMEOUT.minusMinutes(5));
        assertThat(poll(web).statusCode()).isEqualTo(200); // 50 min after login, 25 min after the last activity
        assertThat(web.get("/ecg/clinic/uploads").statusCode()).isEqualTo(200);
        advance(IDLE_TIMEOUT.minusMinutes(1));
        assertThat(poll(web).statusCode()).isEqualTo(200);
        assertThat(web.get("/ecg/clinic").statusCode()).isEqualTo(200);
    }
}
