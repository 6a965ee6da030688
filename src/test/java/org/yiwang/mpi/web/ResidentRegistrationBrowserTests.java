package org.yiwang.mpi.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.ResidentIdNumber;
import org.yiwang.testing.Chromium;

/** A registrar registers a resident in Chromium: a wrong ID, the precise message, pinyin, candidates, saved. */
@IntegrationTest
class ResidentRegistrationBrowserTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Page signedIn(int width, int height, String language) {
        return Chromium.signIn(chromium.page(width, height), url(""), "registrar", language);
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
        Chromium.screenshot(page, "mpi-register-invalid-id-zh");

        page.fill("[data-testid=document-number-0]", valid);
        page.click("[data-testid=submit]");
        assertThat(page.locator("[data-testid=candidates]")).containsText("可能已有档案");
        assertThat(page.locator("[data-testid=candidate]").first()).containsText(demo.name());
        assertThat(page.locator("[data-testid=candidate]").first()).containsText("姓名拼音与出生日期相同");
        Chromium.screenshot(page, "mpi-register-candidates-zh");

        page.fill("[data-testid=register-anyway-reason]", "同名同日生，已核对身份证，不是同一人");
        page.click("[data-testid=register-anyway]");
        assertThat(page.locator("[data-testid=registered]")).isVisible();
        assertThat(page.locator("[data-testid=resident-name]")).hasText(demo.name());
        assertThat(page.locator("[data-testid=document-masked]").first())
                .hasText(valid.substring(0, 4) + "**********" + valid.substring(14));
        page.click("[data-testid=reveal]");
        assertThat(page.locator("[data-testid=revealed-number]")).containsText(valid);
        Chromium.screenshot(page, "mpi-resident-view-zh");
    }

    @Test
    void pagesRenderInEnglishAndTheSearchFitsAPhone() {
        Page page = signedIn(1280, 900, "en");
        page.navigate(url("/mpi/residents/new"));
        page.click("[data-testid=submit]");
        assertThat(page.locator("[data-testid=form-errors]")).containsText("Enter the name.");
        assertThat(page.locator("[data-testid=form-errors]")).containsText("Choose the sex.");
        Chromium.screenshot(page, "mpi-register-errors-en");
        page.navigate(url("/mpi/residents?q=zhang"));
        assertThat(page.locator("[data-testid=search-results]")).isVisible();
        Chromium.screenshot(page, "mpi-search-en");

        Page phone = signedIn(390, 844, "zh-CN");
        phone.navigate(url("/mpi/residents?q=%E5%BC%A0"));
        assertThat(phone.locator("[data-testid=search-results]")).isVisible();
        Object overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).isEqualTo(false);
        Chromium.screenshot(phone, "mpi-search-phone-zh");
        String firstLink = phone.locator("[data-testid=search-results] a").first().getAttribute("href");
        phone.navigate(url(firstLink));
        assertThat(phone.locator("[data-testid=history]")).isVisible();
        Chromium.screenshot(phone, "mpi-resident-view-phone-zh");
    }
}
