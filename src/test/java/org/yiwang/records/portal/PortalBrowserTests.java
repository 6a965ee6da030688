package org.yiwang.records.portal;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.testing.Chromium;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A resident on a phone: signs in with the code shown on screen in the demo run, opens "who viewed my record". */
@IntegrationTest
class PortalBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void fitsThePhone(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).as("page wider than the phone").isEqualTo(false);
    }

    @Test
    void residentSignsInWithTheOnScreenDemoCodeAndSeesWhoViewedTheirRecord() {
        PortalFixtures fixtures = new PortalFixtures(jdbc, encryption);
        String phone = fixtures.newMobileNumber();
        long resident = fixtures.resident("张桂兰", LocalDate.of(1949, 12, 1), phone, null);
        long hospital = jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by id limit 1")
                .query(Long.class).single();
        long township = jdbc.sql("select id from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by id limit 1")
                .query(Long.class).single();
        fixtures.access(resident, "2026-10-08T02:10:00Z", "VIEW_RECORD", "FAMILY_DOCTOR", township, "treatment");
        fixtures.access(resident, "2026-11-02T19:05:00Z", "BREAK_GLASS", "DOCTOR", hospital, "emergency");
        fixtures.access(resident, "2026-11-03T01:00:00Z", "VIEW_RECORD", "DOCTOR", hospital, "treatment");

        Page page = chromium.page(Chromium.PHONE);
        page.navigate(url("/login"));
        page.click("[data-testid=resident-login-link]");
        page.waitForURL(url("/login/resident"));
        fitsThePhone(page);
        page.fill("[data-testid=resident-phone]", phone.substring(0, 3) + " " + phone.substring(3, 7) + " "
                + phone.substring(7));
        page.click("[data-testid=resident-send-code]");
        page.waitForURL(url("/login/resident/code"));
        assertThat(page.locator("[data-testid=demo-code]")).containsText("演示环境");
        Chromium.screenshot(page, "portal-code-phone");
        String code = page.locator("[data-testid=demo-code-value]").textContent().strip();
        page.fill("[data-testid=resident-code]", code);
        page.click("[data-testid=resident-verify]");
        page.waitForURL(url("/me"));
        assertThat(page.locator("h1")).hasText("我的健康档案");
        assertThat(page.locator("[data-testid=portal-name]")).hasText("张**");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-home-phone");

        page.click("[data-testid=portal-access-log-link]");
        page.waitForURL(url("/me/access-log"));
        assertThat(page.locator("h1")).hasText("谁看过我的档案");
        assertThat(page.locator("[data-testid=portal-access-entry]")).hasCount(3);
        assertThat(page.locator("[data-testid=portal-access-entry]").first()).containsText("2026-11-03 09:00");
        assertThat(page.locator(".yw-break-glass")).hasCount(1);
        assertThat(page.locator(".yw-break-glass")).containsText("紧急调阅");
        assertThat(page.locator(".yw-break-glass")).containsText("2026-11-03 03:05");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-access-log-phone");

        page.click("[data-testid=lang-en]");
        assertThat(page.locator("h1")).hasText("Who viewed my record");
        assertThat(page.locator(".yw-break-glass")).containsText("Emergency override");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-access-log-phone-en");

        page.navigate(url("/me/family?lang=zh-CN"));
        assertThat(page.locator("[data-testid=portal-grants]")).containsText("授权家人查看我的档案");
        page.fill("[data-testid=portal-family-phone]", "12");
        page.fill("[data-testid=portal-family-name]", "张三");
        page.click("[data-testid=portal-family-add]");
        assertThat(page.locator("[data-testid=error-phone]")).containsText("11 位手机号");
        assertThat(page.locator("[data-testid=portal-family-name]")).hasValue("张三");
        fitsThePhone(page);
        Chromium.screenshot(page, "portal-family-phone");
    }
}
