package org.yiwang.ecg.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.EcgKind;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.Chromium;

/**
 * A reader signs a critical ECG in one browser while the uploading clinic's page is open in another: the clinic sees
 * the report and the alarm without reloading, and acknowledges it.
 */
@IntegrationTest
class EcgWorklistBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    EcgRecordings recordings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    long recordingId;

    @BeforeEach
    void aTownshipUploadsAChestPainEcg() {
        EcgFixtures fixtures = new EcgFixtures(jdbc, accounts, users);
        long township = fixtures.townshipCentre();
        fixtures.staff("ecg-br-township", township, Role.DOCTOR);
        fixtures.actAs("ecg-br-township");
        recordingId = recordings.store(EcgFixtures.upload(fixtures.freshResident(), township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(88, 77).recording(), null));
        EcgFixtures.actAsSystem();
        fixtures.awaitAnalysed(recordingId);
        // the pre-analysis flagged it critical and it has waited longest: the top of the queue
        jdbc.sql("update ecg.recording set critical = true, uploaded_at = :at where id = :id")
                .param("at", Timestamp.from(Instant.now().minus(Duration.ofDays(2)))).param("id", recordingId).update();
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void aReaderSignsACriticalEcgAndTheClinicIsAlarmedWithoutReloading() {
        Page clinic = Chromium.signIn(chromium.page(1280, 900), url(""), "ecg-br-township", "zh-CN");
        clinic.navigate(url("/ecg/clinic"));
        Locator row = clinic.locator("[data-testid=inbox-item][data-recording-id='" + recordingId + "']");
        assertThat(row.locator("[data-testid=inbox-status]")).containsText("等待心电诊断中心诊断");
        clinic.evaluate("window.__notReloaded = true");

        Page reader = Chromium.signIn(chromium.page(1280, 900), url(""), "ecgreader", "zh-CN");
        org.assertj.core.api.Assertions.assertThat(reader.url()).endsWith("/ecg/worklist");
        Locator item = reader.locator("[data-testid=queue-item][data-recording-id='" + recordingId + "']");
        assertThat(item).hasAttribute("data-critical", "true");
        assertThat(item).containsText("危急");
        Chromium.screenshot(reader, "ecg-worklist-1280-zh");
        item.locator("[data-testid=claim]").click();

        reader.waitForURL(u -> u.endsWith("/ecg/reading/" + recordingId));
        assertThat(reader.locator("[data-testid=pre-analysis]")).containsText("窦性心律");
        // the clinic sees who is reading, live
        assertThat(row.locator("[data-testid=inbox-status]")).containsText("正在诊断",
                new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));

        reader.check("[data-testid=statement-STEMI_INFERIOR]");
        reader.fill("[data-testid=conclusion]", "");
        reader.click("[data-testid=sign]");
        assertThat(reader.locator("[data-testid=error-conclusion]")).containsText("请填写诊断结论");
        assertThat(reader.locator("[data-testid=error-critical]")).containsText("属于危急值");
        Chromium.screenshot(reader, "ecg-reading-errors-1280-zh");

        reader.fill("[data-testid=conclusion]", "窦性心律；急性下壁ST段抬高型心肌梗死，建议立即启动胸痛绿色通道");
        reader.check("[data-testid=critical]");
        reader.click("[data-testid=sign]");
        assertThat(reader.locator("[data-testid=signed-notice]")).isVisible();
        assertThat(reader.locator("[data-testid=signed-report] [data-testid=report-signature]").first())
                .containsText("签名有效");
        Chromium.screenshot(reader, "ecg-reading-signed-1280-zh");
        reader.navigate(url("/ecg/turnaround"));
        assertThat(reader.locator("[data-testid=turnaround-critical]").first()).isVisible();
        Chromium.screenshot(reader, "ecg-turnaround-1280-zh");

        Locator alarm = clinic.locator("[data-testid=alarm]");
        assertThat(alarm).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(alarm).containsText("急性下壁ST段抬高型心肌梗死");
        assertThat(alarm.locator("[data-testid=report-signature]")).containsText("签名有效");
        assertThat(row.locator("[data-testid=inbox-report]")).containsText("急性下壁");
        org.assertj.core.api.Assertions.assertThat(clinic.evaluate("window.__notReloaded === true")).isEqualTo(true);
        String background = (String) clinic.evaluate(
                "getComputedStyle(document.querySelector('[data-testid=alarm]')).backgroundColor");
        org.assertj.core.api.Assertions.assertThat(background).isEqualTo("rgb(179, 38, 30)");
        assertThat(alarm).hasAttribute("data-alarm-state", java.util.regex.Pattern.compile("sounding|silent"));
        Chromium.screenshot(clinic, "ecg-clinic-alarm-1280-zh");

        alarm.locator("[data-testid=acknowledge]").click();
        assertThat(clinic.locator("[data-testid=alarm]")).hasCount(0);
        assertThat(row).containsText("确认");
        Chromium.screenshot(clinic, "ecg-clinic-acknowledged-1280-zh");
    }
}
