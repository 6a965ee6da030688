package org.yiwang.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;
import org.yiwang.testing.WebSession;

/** The health commission's home page with live counts of the demo county. */
@IntegrationTest
class CommissionHomeIntegrationTests {

    private final int port;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final Residents residents;

    @Autowired
    CommissionHomeIntegrationTests(@LocalServerPort int port, Organisations organisations, Practitioners practitioners,
            Residents residents) {
        this.port = port;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.residents = residents;
    }

    @Test
    void landsTheAnalystOnTheCommissionPageWithLiveCounts() {
        WebSession analyst = new WebSession(port);
        analyst.login("analyst", DemoMode.DEMO_PASSWORD);
        assertThat(analyst.get("/").headers().firstValue("Location").orElse("")).endsWith("/commission");

        HttpResponse<String> page = analyst.get("/commission?lang=zh-CN");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"home-commission\"")
                .contains(">" + organisations.count() + "<")
                .contains(">" + practitioners.count() + "<")
                .contains(">" + residents.count() + "<")
                .contains("青石镇卫生院")
                .contains("519921002")
                .doesNotContain("**********");
    }

    @Test
    void showsTheCommissionPageToTheSystemAdministratorInEnglish() {
        WebSession admin = new WebSession(port);
        admin.login("admin", DemoMode.DEMO_PASSWORD);
        HttpResponse<String> page = admin.get("/commission?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Registered residents by township").contains("Qingshi Town Health Centre");
    }

    @Test
    void forbidsTheCommissionPageToClinicalStaff() {
        WebSession doctor = new WebSession(port);
        doctor.login("doctor", DemoMode.DEMO_PASSWORD);
        assertThat(doctor.get("/commission").statusCode()).isEqualTo(403);
    }
}
