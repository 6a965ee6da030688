package org.yiwang.mpi.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.ResidentIdNumber;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.testing.Browsers;

/** A registrar registers a resident in Chromium: a wrong ID, the precise message, pinyin, candidates, saved. */
@IntegrationTest
class ResidentRegistrationBrowserTests {

    static Browsers.Session chromium;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;

    @BeforeAll
    static void launch() {
        chromium = Browsers.launchChromium();
    }

    @AfterAll
    static void shutDown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private Page signedIn(int width, int height, String language) {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        Page page = context.newPage();
        page.navigate(url("/login?lang=" + language));
        page.fill("[data-testid=username]", "registrar");
        page.fill("[data-testid=password]", DemoMode.DEMO_PASSWORD);
        page.click("[data-testid=login-submit]");
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    record Demo(String name, int sex, LocalDate birthDate, String village) {
    }

    @Test
    void registrarFixesAnInvalidIdSeesPinyinAndCandidatesAndSaves() {
        // a demo resident: registering someone of the same name and birth date shows them as likely existing
        Demo demo = jdbc.sql("""
                        select name, sex, birth_date, division_code from mpi.resident
                        where created_by = 'system:demo' and sex = 1 and length(name) = 2
                          and birth_date < date '2000-01-01' order by id limit 1 offset 40""")
                .query((rs, n) -> new Demo(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getString(4)))
                .single();
        String valid = ResidentIdNumber.compose("510104", demo.birthDate(), 771).value();
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String invalid = valid.substring(0, 17) + wrongCheck;

        Page page = signedIn(1280, 900, "zh-CN");
        page.navigate(url("/mpi/residents"));
        page.click("[data-testid=register-link]");
        page.waitForURL(u -> u.endsWith("/mpi/residents/new"));
        page.waitForFunction("() => typeof window.htmx !== 'undefined'");
        page.fill("[data-testid=name]", demo.name());
        page.locator("[data-testid=name]").press("End");
        assertThat(page.locator("[data-testid=pinyin]")).not().isEmpty();
        String pinyin = page.locator("[data-testid=pinyin]").textContent();
        org.assertj.core.api.Assertions.assertThat(pinyin).matches("[a-z]+ [a-z]+");
        page.selectOption("[data-testid=sex]", Integer.toString(demo.sex()));
        page.fill("[data-testid=birthDate]", demo.birthDate().toString());
        page.fill("[data-testid=document-number-0]", invalid);
        page.selectOption("[data-testid=divisionCode]", demo.village());
        page.fill("[data-testid=address]", "清水县浏览器测试路 5 号");
        page.click("[data-testid=submit]");

        assertThat(page.locator("[data-testid=document-error-0]")).containsText(
                "证件号码校验位（第 18 位）应为“" + valid.charAt(17) + "”，实际为“" + wrongCheck + "”");
        assertThat(page.locator("[data-testid=pinyin]")).hasText(pinyin);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-register-invalid-id-zh")).setFullPage(true));

        page.fill("[data-testid=document-number-0]", valid);
        page.click("[data-testid=submit]");
        assertThat(page.locator("[data-testid=candidates]")).containsText("可能已有档案");
        assertThat(page.locator("[data-testid=candidate]").first()).containsText(demo.name());
        assertThat(page.locator("[data-testid=candidate]").first()).containsText("姓名拼音与出生日期相同");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-register-candidates-zh")).setFullPage(true));

        page.fill("[data-testid=register-anyway-reason]", "同名同日生，已核对身份证，不是同一人");
        page.click("[data-testid=register-anyway]");
        assertThat(page.locator("[data-testid=registered]")).isVisible();
        assertThat(page.locator("[data-testid=resident-name]")).hasText(demo.name());
        assertThat(page.locator("[data-testid=document-masked]").first())
                .hasText(valid.substring(0, 4) + "**********" + valid.substring(14));
        page.click("[data-testid=reveal]");
        assertThat(page.locator("[data-testid=revealed-number]")).containsText(valid);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-resident-view-zh")).setFullPage(true));
    }

    @Test
    void pagesRenderInEnglishAndTheSearchFitsAPhone() {
        Page page = signedIn(1280, 900, "en");
        page.navigate(url("/mpi/residents/new"));
        page.click("[data-testid=submit]");
        assertThat(page.locator("[data-testid=form-errors]")).containsText("Enter the name.");
        assertThat(page.locator("[data-testid=form-errors]")).containsText("Choose the sex.");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-register-errors-en")).setFullPage(true));
        page.navigate(url("/mpi/residents?q=zhang"));
        assertThat(page.locator("[data-testid=search-results]")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-search-en")).setFullPage(true));
        context.close();

        Page phone = signedIn(390, 844, "zh-CN");
        phone.navigate(url("/mpi/residents?q=%E5%BC%A0"));
        assertThat(phone.locator("[data-testid=search-results]")).isVisible();
        Object overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).isEqualTo(false);
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-search-phone-zh")).setFullPage(true));
        String firstLink = phone.locator("[data-testid=search-results] a").first().getAttribute("href");
        phone.navigate(url(firstLink));
        assertThat(phone.locator("[data-testid=history]")).isVisible();
        phone.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("mpi-resident-view-phone-zh")).setFullPage(true));
        context = null;
    }
}
