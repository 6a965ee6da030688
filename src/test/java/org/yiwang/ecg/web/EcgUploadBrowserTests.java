package org.yiwang.ecg.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.EcgFixtures;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.testing.Chromium;

/**
 * A township doctor on a phone uploads a WFDB record (written by the project's WfdbWriter from a SyntheticEcg): finds
 * the resident, drops the files, watches the progress through a dropped connection, lands on the recording page and
 * sees the pre-analysis once it is done.
 */
@IntegrationTest
class EcgUploadBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @TempDir
    Path directory;

    EcgFixtures fixtures;
    long resident;
    String doctor;

    @BeforeEach
    void townshipDoctor() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        doctor = fixtures.staff("ecg-browser-township", fixtures.townshipCentre(), Role.DOCTOR);
        resident = fixtures.freshResident();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Path[] write(List<EcgFile> files) throws Exception {
        Path[] paths = new Path[files.size()];
        for (int i = 0; i < files.size(); i++) {
            paths[i] = Files.write(directory.resolve(files.get(i).name()), files.get(i).content());
        }
        return paths;
    }

    @Test
    void townshipDoctorOnAPhoneUploadsWfdbThroughADroppedConnectionAndSeesThePreAnalysis() throws Exception {
        // 60 s: a 720 kB .dat in three 256 kB chunks
        Path[] files = write(EcgIntakeIntegrationTests.wfdb("village-" + resident, 72, 31, 60));
        String healthRecordNumber = jdbc.sql("select health_record_number from mpi.resident where id = :id")
                .param("id", resident).query(String.class).single();
        Page page = Chromium.signIn(chromium.page(Chromium.PHONE), url(""), doctor, "zh-CN");

        page.navigate(url("/ecg/uploads/new"));
        page.fill("[data-testid=resident-q]", healthRecordNumber);
        page.press("[data-testid=resident-q]", "Enter");
        page.locator("[data-testid=resident-results] a[role=button]").first().click();
        assertThat(page.locator("[data-testid=chosen-resident]")).isVisible();

        AtomicInteger puts = new AtomicInteger();
        page.route(Pattern.compile(".*/ecg/uploads/[0-9a-f-]+/files/.*"), (Route route) -> {
            if (puts.incrementAndGet() == 2) {
                route.abort("connectionreset"); // the village connection drops once
            } else {
                try {
                    Thread.sleep(400); // slow enough to watch the progress bar
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                route.resume();
            }
        });
        page.selectOption("[data-testid=kind]", "RHYTHM_STRIP");
        page.fill("[data-testid=indication]", "胸痛");
        page.setInputFiles("[data-testid=files]", files);
        assertThat(page.locator("[data-chosen] li")).hasCount(2);
        Chromium.screenshot(page, "ecg-upload-phone-zh");
        page.click("[data-testid=upload-submit]");

        assertThat(page.locator("[data-testid=upload-status]")).containsText("网络中断");
        assertThat(page.locator("[data-testid=progress]")).isVisible();
        page.waitForCondition(() -> ((Number) page.evaluate(
                "document.querySelector('[data-testid=progress]')?.value ?? 100")).intValue() > 0);
        Chromium.screenshot(page, "ecg-upload-phone-progress-zh");

        page.waitForURL(Pattern.compile(".*/ecg/recordings/\\d+"), new Page.WaitForURLOptions().setTimeout(60_000));
        assertThat(puts.get()).as("the dropped chunk was sent again").isGreaterThanOrEqualTo(5);
        assertThat(page.locator("[data-testid=rhythm]")).containsText("窦性心律",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.locator("[data-testid=clinic]")).containsText("城关镇卫生院");
        assertThat(page.locator("[data-testid=heart-rate]")).containsText("次/分");
        assertThat(page.locator("[data-testid=findings]")).containsText("可信度");
        assertThat(page.locator("[data-testid=report-state]")).containsText("等待");
        assertThat(page.locator("[data-testid=critical-flag]")).hasCount(0);
        assertThat(page.locator("[data-testid=ecg-viewer]")).hasAttribute("data-state", "ready");
        Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
        Chromium.screenshot(page, "ecg-recording-phone-zh");

        long recording = Long.parseLong(page.url().replaceAll(".*/ecg/recordings/(\\d+).*", "$1"));
        assertThat(jdbc.sql("select resident_id from ecg.recording where id = :id").param("id", recording)
                .query(Long.class).single()).isEqualTo(resident);
        page.navigate(url("/ecg/clinic/uploads"));
        assertThat(page.locator("[data-testid=clinic-upload-list] tbody tr").first()).containsText("胸痛");
        Chromium.screenshot(page, "ecg-clinic-uploads-phone-zh");
    }

    @Test
    void aDatFileWithoutItsHeaderIsRefusedWithAFieldMessageInChinese() throws Exception {
        List<EcgFile> record = EcgIntakeIntegrationTests.wfdb("lonely-" + resident, 70, 32, 10);
        Path[] files = write(List.of(EcgIntakeIntegrationTests.file(record, ".dat")));
        long before = jdbc.sql("select count(*) from ecg.recording").query(Long.class).single();
        Page page = Chromium.signIn(chromium.page(1280, 900), url(""), doctor, "zh-CN");
        page.navigate(url("/ecg/uploads/new?residentId=" + resident));
        page.setInputFiles("[data-testid=files]", files);
        page.click("[data-testid=upload-submit]");

        assertThat(page.locator("[data-testid=files-error]")).containsText("缺少 WFDB 头文件");
        assertThat(page.locator("[data-testid=files-error]")).containsText(".dat");
        assertThat(jdbc.sql("select count(*) from ecg.recording").query(Long.class).single()).isEqualTo(before);
        Chromium.screenshot(page, "ecg-upload-error-zh");
    }
}
