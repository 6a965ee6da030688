package org.yiwang.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgReading;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.EcgReports;
import org.yiwang.ecg.NewEcgRecording;
import org.yiwang.ecg.ReportDraft;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.WebSession;

/** CPC-11: a critical ECG report offers the clinic a one-click chest-pain green channel to the county hospital. */
@IntegrationTest
class EcgGreenChannelIntegrationTests {

    @Autowired
    EcgRecordings recordings;

    @Autowired
    EcgReading reading;

    @Autowired
    EcgReports reports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @LocalServerPort
    int port;

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    @Test
    void oneClickOnACriticalReportSendsOneGreenChannelReferralToTheCountyChestPainCentre() {
        EcgFixtures fixtures = new EcgFixtures(jdbc, accounts, users);
        long township = fixtures.townshipCentre();
        long county = fixtures.countyHospital();
        long resident = fixtures.freshResident();
        fixtures.staff("gc-it-township", township, Role.DOCTOR);
        fixtures.staff("gc-it-reader", county, Role.ECG_READER);
        fixtures.actAs("gc-it-township");
        long id = recordings.store(new NewEcgRecording(resident, township, EcgKind.RESTING_12_LEAD, "SYNTHETIC",
                Instant.now().minusSeconds(120), "胸痛2小时", null, EcgFixtures.twelveLead(85, 31).recording(), List.of()));
        fixtures.awaitAnalysed(id);
        fixtures.actAs("gc-it-reader");
        reading.claim(id);
        reports.sign(id, new ReportDraft(List.of("SINUS_RHYTHM", "STEMI_INFERIOR"), null, 85, 160, 90, 360, 420,
                "急性下壁ST段抬高型心肌梗死", true));
        EcgFixtures.actAsSystem();

        WebSession clinic = new WebSession(port);
        clinic.login("gc-it-township", DemoMode.DEMO_PASSWORD);
        assertThat(clinic.get("/ecg/clinic").body()).contains("/ecg/clinic/" + id + "/green-channel");
        HttpResponse<String> click = clinic.post("/ecg/clinic/" + id + "/green-channel", Map.of());
        HttpResponse<String> again = clinic.post("/ecg/clinic/" + id + "/green-channel", Map.of());

        assertThat(click.statusCode()).isEqualTo(302);
        String location = click.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/referrals/[0-9]+");
        assertThat(again.headers().firstValue("Location")).hasValue(location);
        assertThat(jdbc.sql("""
                        select to_organisation_id from referral.referral
                        where resident_id = :r and priority = 'GREEN_CHANNEL' and source_reference = :s""")
                .param("r", resident).param("s", "ecg:" + id).query(Long.class).list()).containsExactly(county);
        HttpResponse<String> slip = clinic.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(slip.body()).contains("绿色通道").contains("急性下壁ST段抬高型心肌梗死");
    }
}
