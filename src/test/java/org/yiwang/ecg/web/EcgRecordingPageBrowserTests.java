package org.yiwang.ecg.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
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
import org.yiwang.ecg.EcgReading;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.EcgReports;
import org.yiwang.ecg.ReportDraft;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.Chromium;

/**
 * The uploading clinic keeps a recording's page open: the pre-analysis and then the reader's signed report appear on
 * it without a reload (htmx polling of a small fragment), and the polling stops once the page is complete.
 */
@IntegrationTest
class EcgRecordingPageBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private static final LocatorAssertions.IsVisibleOptions SOON =
            new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);
    private static final LocatorAssertions.ContainsTextOptions SOON_TEXT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);

    @LocalServerPort
    int port;

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

    EcgFixtures fixtures;
    long recordingId;
    String analysis;
    byte[] beats;

    @BeforeEach
    void aTownshipUploadsAnEcgWhosePreAnalysisIsStillRunning() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        long township = fixtures.townshipCentre();
        fixtures.staff("ecg-live-township", township, Role.DOCTOR);
        fixtures.actAs("ecg-live-township");
        recordingId = recordings.store(EcgFixtures.upload(fixtures.freshResident(), township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(72, 91).recording(), null));
        EcgFixtures.actAsSystem();
        fixtures.awaitAnalysed(recordingId);
        // the analysis of a 10 s ECG takes less than a second: take it back to see the page while it is pending
        analysis = jdbc.sql("select analysis::text from ecg.recording where id = :id").param("id", recordingId)
                .query(String.class).single();
        beats = jdbc.sql("select beat_samples from ecg.recording where id = :id").param("id", recordingId)
                .query(byte[].class).single();
        jdbc.sql("""
                update ecg.recording set status = 'RECEIVED', analysed_at = null, analysis = null, beat_samples = null,
                    critical = false, version = version + 1 where id = :id""").param("id", recordingId).update();
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void recordingPageShowsPreAnalysisAndSignedReportWithoutReload() {
        Page clinic = Chromium.signIn(chromium.page(1280, 900), url(""), "ecg-live-township", "zh-CN");
        clinic.navigate(url("/ecg/recordings/" + recordingId));
        assertThat(clinic.locator("[data-testid=analysis-pending]")).isVisible();
        assertThat(clinic.locator("[data-testid=report-state]")).isVisible();
        clinic.evaluate("window.__notReloaded = true");

        // the pre-analysis job stores its result (as PreAnalysisJob does: one update that bumps the version)
        jdbc.sql("""
                update ecg.recording set status = 'ANALYSED', analysed_at = now(), analysis = cast(:a as jsonb),
                    beat_samples = :b, version = version + 1 where id = :id""")
                .param("a", analysis).param("b", beats).param("id", recordingId).update();
        assertThat(clinic.locator("[data-testid=rhythm]")).isVisible(SOON);
        assertThat(clinic.locator("[data-testid=rhythm]")).containsText("窦性心律");
        assertThat(clinic.locator("[data-testid=analysis-pending]")).hasCount(0);
        assertThat(clinic.locator("[data-testid=status]")).containsText("已预分析");
        assertThat(clinic.locator("[data-testid=recording-live]")).hasAttribute("data-complete", "false");

        fixtures.actAs("ecgreader");
        reading.claim(recordingId);
        reports.sign(recordingId, new ReportDraft(List.of("SINUS_RHYTHM", "NORMAL_ECG"), null, 72, 160, 90, 380, 410,
                "窦性心律，正常心电图（实时测试）", false));
        EcgFixtures.actAsSystem();

        Locator conclusion = clinic.locator("[data-testid=ecg-report-panel] [data-testid=report-conclusion]");
        assertThat(conclusion).isVisible(SOON);
        assertThat(conclusion).containsText("正常心电图（实时测试）");
        assertThat(clinic.locator("[data-testid=ecg-report-panel] [data-testid=report-signature]"))
                .containsText("签名有效");
        // complete: the page asks less often (signed-poll, 2 s in tests, 30 s by default), for an amendment
        Locator live = clinic.locator("[data-testid=recording-live]");
        assertThat(live).hasAttribute("data-complete", "true");
        assertThat(live).hasAttribute("hx-trigger", "every 2s");

        fixtures.actAs("ecgreader");
        reports.amend(recordingId, new ReportDraft(List.of("SINUS_RHYTHM", "NORMAL_ECG"), null, 72, 160, 90, 380, 410,
                "窦性心律，正常心电图（更正后）", false), "心率复核");
        EcgFixtures.actAsSystem();
        assertThat(conclusion).containsText("更正后", SOON_TEXT);
        assertThat(clinic.locator("[data-testid=ecg-report-panel]")).containsText("心率复核");
        org.assertj.core.api.Assertions.assertThat(clinic.evaluate("window.__notReloaded === true")).isEqualTo(true);
        // the viewer was not swapped out with the rest
        assertThat(clinic.locator("[data-testid=ecg-viewer]")).hasCount(1);
        Chromium.screenshot(clinic, "ecg-recording-live-signed-1280-zh");
    }
}
